/** The site directory's schemas, declared once in the domain (docs/decisions/013). */
export { type ListSitesInput, listSitesInput, listSitesOutput } from '@retaille/domain';
