import { idSegment } from './id-segment';
import type {
  ApiClientCredentialsDto,
  ApiClientDto,
  AuthPayloadDto,
  ClientTokenDto,
  InstitutionDto,
  PasswordResetDto,
  UserConnectionDto,
  UserDto,
} from '@yinqi/contracts';
import type { ServiceClient } from './service-client';

// Names the gateway's resolvers and context import from here.
export type { ApiClientDto, InstitutionDto };

/** The header identity reads the caller's address from (services/identity/src/api/routes.ts). */
const CLIENT_ADDRESS_HEADER = 'x-yinqi-client-address';

/** Typed calls to the identity service. */
export function identityClient(http: ServiceClient) {
  return {
    registerEnterprise: (input: unknown) => http.post<AuthPayloadDto>('/enterprises/register', input),
    login: (email: string, password: string, clientAddress: string) =>
      http.post<AuthPayloadDto>('/login', { email, password }, { headers: { [CLIENT_ADDRESS_HEADER]: clientAddress } }),
    logout: (token: string) => http.post<boolean>('/logout', {}, { token }),
    changePassword: (token: string, oldPassword: string, newPassword: string, clientAddress: string) =>
      http.post<AuthPayloadDto>('/password', { oldPassword, newPassword }, { token, headers: { [CLIENT_ADDRESS_HEADER]: clientAddress } }),
    users: (token: string, query: { role?: string; orgId?: string; first?: number; after?: string }) =>
      http.get<UserConnectionDto>('/accounts', { token, query }),
    resetPassword: async (token: string, userId: string) =>
      http.post<PasswordResetDto>(`/accounts/${idSegment('uuid', 'User', userId)}/reset-password`, {}, { token }),
    setUserDisabled: async (token: string, userId: string, disabled: boolean) =>
      http.post<UserDto>(`/accounts/${idSegment('uuid', 'User', userId)}/disabled`, { disabled }, { token }),
    unlockUser: async (token: string, userId: string) =>
      http.post<UserDto>(`/accounts/${idSegment('uuid', 'User', userId)}/unlock`, {}, { token }),
    renewToken: (token: string) => http.post<AuthPayloadDto>('/token/renew', {}, { token }),
    me: (token: string) => http.get<UserDto>('/users/me', { token }),
    createInstitution: (token: string, input: unknown) => http.post<InstitutionDto>('/institutions', input, { token }),
    createUser: (token: string, input: unknown) => http.post<UserDto>('/users', input, { token }),
    institutionsByIds: (token: string, ids: readonly string[]) =>
      http.get<InstitutionDto[]>('/institutions', { token, query: { ids: ids.join(',') } }),
    apiClients: (token: string) => http.get<ApiClientDto[]>('/api-clients', { token }),
    createApiClient: (token: string, name: string, scopes: string[]) =>
      http.post<ApiClientCredentialsDto>('/api-clients', { name, scopes }, { token }),
    rotateApiClientSecret: (token: string, id: string) =>
      http.post<ApiClientCredentialsDto>(`/api-clients/${idSegment('uuid', 'ApiClient', id)}/rotate`, {}, { token }),
    setApiClientDisabled: (token: string, id: string, disabled: boolean) =>
      http.post<ApiClientDto>(`/api-clients/${idSegment('uuid', 'ApiClient', id)}/disabled`, { disabled }, { token }),
    /** The client-credentials grant (gateway/src/oauth-token.ts); counted against the caller's address. */
    clientToken: (clientId: string, clientSecret: string, scopes: string[] | undefined, clientAddress: string) =>
      http.post<ClientTokenDto>(
        '/oauth/token',
        { clientId, clientSecret, ...(scopes ? { scopes } : {}) },
        { headers: { [CLIENT_ADDRESS_HEADER]: clientAddress } },
      ),
    listInstitutions: (token: string, kind?: string) => http.get<InstitutionDto[]>('/institutions', { token, query: { kind } }),
  };
}
export type IdentityClient = ReturnType<typeof identityClient>;
