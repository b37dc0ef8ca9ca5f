/** Shapes: definitions, where clauses, change conversion and the registry of live shapes. */
export { buildKey, convertChange, snapshotMessage, type RowChange, type ShapeMessage } from './changes.ts';
export {
  compileShape,
  definitionKey,
  parseColumnList,
  parseTableName,
  ShapeParamError,
  type CompiledShape,
  type LogMode,
  type Replica,
  type ShapeDefinition,
} from './shape-definition.ts';
export { ShapeRegistry, wake, wakeBelow, type ActiveShape, type CachedRead, type WakeReason, type Waiter } from './shape-registry.ts';
export { columnsSignature, schemaHeader, type ColumnInfo, type TableInfo } from './table-info.ts';
export type { Row } from './where-eval.ts';
export { orderBySql, quoteIdent, snapshotQuery, SqlParams, whereSql, type RowQuery } from './where-sql.ts';
export { parseOrderBy, parseWhere, WhereSyntaxError, type OrderTerm, type WhereNode } from './where-parser.ts';
export { subsetQuery, type SubsetFieldNames, type SubsetRequest } from './subset.ts';
