export {
  apiKeyMatches,
  generateApiKey,
  hashApiKey,
  parseApiKey,
  secretsEqual,
  type NewApiKey,
} from './api-key';
export { ROLES, roleSatisfies, type Role } from './roles';
export { TokenVault, type TokenContext } from './token-vault';
export { VaultError, type VaultErrorCode } from './token-vault-error';
