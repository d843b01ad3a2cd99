import { OAuthProblem, parseTokenRequest } from './oauth-token';
import { checkClientScope } from './client-scopes';

const FORM = 'application/x-www-form-urlencoded';
const problem = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof OAuthProblem) return { status: err.status, error: err.error };
    throw err;
  }
  throw new Error('no problem raised');
};

describe('parseTokenRequest (RFC 6749 §4.4.2, §2.3.1)', () => {
  it('takes the credentials from form fields or from HTTP Basic (form-urlencoded halves) and lowercase scopes', () => {
    expect(parseTokenRequest(FORM, undefined, 'grant_type=client_credentials&client_id=ycl_a&client_secret=s3cr%2Bt')).toEqual({
      clientId: 'ycl_a',
      clientSecret: 's3cr+t',
    });
    const basic = `Basic ${Buffer.from('ycl_a:a%3Ab').toString('base64')}`;
    expect(
      parseTokenRequest(`${FORM}; charset=UTF-8`, basic, 'grant_type=client_credentials&scope=matches:read%20matches:respond'),
    ).toEqual({
      clientId: 'ycl_a',
      clientSecret: 'a:b',
      scopes: ['MATCHES_READ', 'MATCHES_RESPOND'],
    });
  });

  it('answers the error the RFC names for each mistake', () => {
    expect(problem(() => parseTokenRequest('application/json', undefined, '{}'))).toEqual({ status: 400, error: 'invalid_request' });
    expect(problem(() => parseTokenRequest(FORM, undefined, 'client_id=a&client_secret=b'))).toEqual({
      status: 400,
      error: 'invalid_request',
    });
    expect(
      problem(() =>
        parseTokenRequest(FORM, undefined, 'grant_type=client_credentials&grant_type=client_credentials&client_id=a&client_secret=b'),
      ),
    ).toEqual({ status: 400, error: 'invalid_request' });
    expect(problem(() => parseTokenRequest(FORM, undefined, 'grant_type=authorization_code&code=x'))).toEqual({
      status: 400,
      error: 'unsupported_grant_type',
    });
    expect(problem(() => parseTokenRequest(FORM, undefined, 'grant_type=client_credentials'))).toEqual({
      status: 401,
      error: 'invalid_client',
    });
    const basic = `Basic ${Buffer.from('a:b').toString('base64')}`;
    expect(problem(() => parseTokenRequest(FORM, basic, 'grant_type=client_credentials&client_id=a&client_secret=b'))).toEqual({
      status: 400,
      error: 'invalid_request',
    });
    expect(
      problem(() => parseTokenRequest(FORM, undefined, 'grant_type=client_credentials&client_id=a&client_secret=b&scope=MATCHES_READ')),
    ).toEqual({ status: 400, error: 'invalid_scope' });
    expect(
      problem(() => parseTokenRequest(FORM, undefined, 'grant_type=client_credentials&client_id=a&client_secret=b&scope=admin')),
    ).toEqual({ status: 400, error: 'invalid_scope' });
  });
});

describe('checkClientScope', () => {
  const client = { userId: 'c', role: 'BANK_OFFICER' as const, orgId: 'b', scopes: ['MATCHES_READ'] };
  it('lets a person through and a client only where a scope of its opens the operation', () => {
    expect(() => checkClientScope({ userId: 'u', role: 'BANK_OFFICER', orgId: 'b' }, 'createApiClient')).not.toThrow();
    expect(() => checkClientScope(null, 'login')).not.toThrow();
    expect(() => checkClientScope(client, 'bankMatches')).not.toThrow();
    expect(() => checkClientScope(client, 'demand')).not.toThrow();
    for (const name of ['respondToMatch', 'createApiClient', 'registerWebhook', 'me', 'logout', 'users', 'auditLog']) {
      expect(() => checkClientScope(client, name)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    }
  });
});
