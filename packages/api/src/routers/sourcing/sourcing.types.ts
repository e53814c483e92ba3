/** The sourcing procedures' schemas, declared once in the domain (docs/decisions/013). */

export type { BasketDto, PlanSourcingInput, SourcingPlanDto } from '@retaille/domain';
export {
  basketSchema,
  createBasketInput,
  getBasketInput,
  listBasketsOutput,
  planSourcingInput,
  sourcingPlanSchema,
} from '@retaille/domain';
