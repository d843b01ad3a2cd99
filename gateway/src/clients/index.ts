import type { GatewayConfig } from '../config';
import { enterpriseClient } from './enterprise-client';
import { guaranteeClient } from './guarantee-client';
import { loanClient } from './loan-client';
import { capitalClient } from './capital-client';
import { monitorClient } from './monitor-client';
import { auditClient } from './audit-client';
import { identityClient } from './identity-client';
import { matchingClient } from './matching-client';
import { productClient } from './product-client';
import { ServiceClient } from './service-client';
import { webhookClient } from './webhook-client';

export type ServiceName =
  | 'identity'
  | 'enterprise'
  | 'product'
  | 'matching'
  | 'guarantee'
  | 'loan'
  | 'capital'
  | 'monitor'
  | 'audit'
  | 'webhook';

/** Whether the gateway was told where a service is. */
export const configured = (config: GatewayConfig, name: ServiceName): boolean =>
  Boolean(
    {
      identity: config.IDENTITY_URL,
      enterprise: config.ENTERPRISE_URL,
      product: config.PRODUCT_URL,
      matching: config.MATCHING_URL,
      guarantee: config.GUARANTEE_URL,
      loan: config.LOAN_URL,
      capital: config.CAPITAL_URL,
      monitor: config.MONITOR_URL,
      audit: config.AUDIT_URL,
      webhook: config.WEBHOOK_URL,
    }[name],
  );

/** One HTTP client per service and the typed API over each. */
export function createClients(config: GatewayConfig) {
  const http: Record<ServiceName, ServiceClient> = {
    identity: new ServiceClient('identity', config.IDENTITY_URL, config.SERVICE_TIMEOUT_MS),
    enterprise: new ServiceClient('enterprise', config.ENTERPRISE_URL ?? 'http://unconfigured.invalid', config.SERVICE_TIMEOUT_MS),
    product: new ServiceClient('product', config.PRODUCT_URL ?? 'http://unconfigured.invalid', config.SERVICE_TIMEOUT_MS),
    matching: new ServiceClient('matching', config.MATCHING_URL ?? 'http://unconfigured.invalid', config.SERVICE_TIMEOUT_MS),
    guarantee: new ServiceClient('guarantee', config.GUARANTEE_URL ?? 'http://unconfigured.invalid', config.SERVICE_TIMEOUT_MS),
    loan: new ServiceClient('loan', config.LOAN_URL ?? 'http://unconfigured.invalid', config.SERVICE_TIMEOUT_MS),
    capital: new ServiceClient('capital', config.CAPITAL_URL ?? 'http://unconfigured.invalid', config.SERVICE_TIMEOUT_MS),
    monitor: new ServiceClient('monitor', config.MONITOR_URL ?? 'http://unconfigured.invalid', config.SERVICE_TIMEOUT_MS),
    audit: new ServiceClient('audit', config.AUDIT_URL ?? 'http://unconfigured.invalid', config.SERVICE_TIMEOUT_MS),
    webhook: new ServiceClient('webhook', config.WEBHOOK_URL ?? 'http://unconfigured.invalid', config.SERVICE_TIMEOUT_MS),
  };
  return {
    http,
    clients: {
      identity: identityClient(http.identity),
      enterprise: enterpriseClient(http.enterprise),
      product: productClient(http.product),
      matching: matchingClient(http.matching),
      guarantee: guaranteeClient(http.guarantee),
      loan: loanClient(http.loan),
      capital: capitalClient(http.capital),
      monitor: monitorClient(http.monitor),
      audit: auditClient(http.audit),
      webhook: webhookClient(http.webhook),
    },
  };
}
export type Clients = ReturnType<typeof createClients>['clients'];
