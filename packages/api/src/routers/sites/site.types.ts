/** The site procedures' schemas, declared once in the domain (docs/decisions/013). */
export {
  type SiteDto as Site,
  type SiteFormValues,
  sectorSchema,
  siteIdSchema,
  siteInputSchema,
  siteSchema,
  territoryTypeSchema,
} from '@retaille/domain';
