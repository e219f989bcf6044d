/**
 * The Monday API version every request pins with the `API-Version` header. Unpinned callers get
 * whatever Monday calls current, which changes quarterly; pinning makes an upgrade a reviewed change
 * together with `schema/schema.graphql` and the generated operations (docs/adr/0014).
 */
export const MONDAY_API_VERSION = '2026-10';
