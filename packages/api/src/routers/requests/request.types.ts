/** The wanted-request procedures' schemas, declared once in the domain (docs/decisions/013). */
export {
  closeRequestInput,
  listOpenRequestsInput,
  requestInputSchema,
  requestSchema,
} from '@retaille/domain';
