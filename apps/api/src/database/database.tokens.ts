/** Injection tokens for the data clients. Handlers use TENANT_DB; SYSTEM_DB is for auth and bootstrap. */
export const SYSTEM_DB = Symbol('SYSTEM_DB');
export const TENANT_DB = Symbol('TENANT_DB');
export const REDIS = Symbol('REDIS');
export const API_CONFIG = Symbol('API_CONFIG');
