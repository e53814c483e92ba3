/**
 * The lot procedures' schemas. They are declared once in the domain (docs/decisions/013): the
 * service's input and DTO types are their `z.output`, the web form validates with the same ones.
 */
export {
  type LotDto as LotView,
  type LotFormValues,
  type LotListItemDto as LotListItem,
  lotConditionSchema as conditionSchema,
  lotDimensionsInput as dimensionsInput,
  lotIdInput,
  lotInputSchema,
  lotListItemSchema,
  lotMaterialKeySchema as materialKeySchema,
  lotSchema,
  lotUnitSchema as unitSchema,
  photoSchema,
  type SearchLotsInput,
  searchLotsInput,
  searchLotsOutput,
  searchPointSchema,
} from '@retaille/domain';
