import type { z } from 'zod';
import type { ROLE } from '../identity-events';

/** What services/identity answers over REST (the gateway's identity client reads the same types). */

/** An account as the API shows it (contract: User with the accounts extension's fields). */
export interface UserDto {
  id: string;
  email: string;
  role: z.infer<typeof ROLE>;
  orgId: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
}

export interface UserConnectionDto {
  edges: { cursor: string; node: UserDto }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export interface AuthPayloadDto {
  token: string;
  user: UserDto;
}

export interface InstitutionDto {
  id: string;
  kind: 'BANK' | 'GUARANTOR' | 'FUND';
  name: string;
}

/** An institution's API client (接口客户端); `institution` is resolved by the gateway. */
export interface ApiClientDto {
  id: string;
  institutionId: string;
  name: string;
  clientId: string;
  scopes: string[];
  disabled: boolean;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A created or rotated client: the secret is in this answer only. */
export interface ApiClientCredentialsDto {
  client: ApiClientDto;
  clientSecret: string;
}

export interface ClientTokenDto {
  accessToken: string;
  expiresIn: number;
  scopes: string[];
}

export interface PasswordResetDto {
  user: UserDto;
  temporaryPassword: string;
}
