import { GraphQLError, Kind, getOperationAST, type DocumentNode, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from './context';
import { typedArgs } from './execution-args';

/** What a user whose password was reset may still do (API-CONTRACT-ACCOUNTS.md). */
export const ALLOWED_WHILE_PASSWORD_CHANGE_REQUIRED: ReadonlySet<string> = new Set(['me', 'changePassword', 'logout', '__typename']);

/** The operation's root field names, through fragments. */
function rootFields(document: DocumentNode, operationName: string | null | undefined): string[] | undefined {
  const op = getOperationAST(document, operationName);
  if (!op) return undefined;
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const names: string[] = [];
  const walk = (set: SelectionSetNode, depth: number) => {
    if (depth > 10) return;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) names.push(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet, depth + 1);
      else {
        const f = fragments.get(s.name.value);
        if (f) walk(f.selectionSet, depth + 1);
        else names.push(`...${s.name.value}`);
      }
    }
  };
  walk(op.selectionSet, 0);
  return names;
}

const refusal = () =>
  new GraphQLError('Change your password first', { extensions: { code: 'FORBIDDEN', reason: 'PASSWORD_CHANGE_REQUIRED' } });

function mustChange(ctx: GatewayContext): boolean {
  if (!ctx.token) return false;
  try {
    return ctx.principal().mustChangePassword;
  } catch {
    return false; // an invalid token is answered UNAUTHENTICATED by the fields that need it
  }
}

/**
 * A token issued after a password reset carries the flag; with it, only `me`, `changePassword`
 * and `logout` run. The services refuse such a token too (packages/http), so a direct call
 * gets no further.
 */
export function usePasswordChangeGate(): Plugin<GatewayContext> {
  const check = (document: DocumentNode, operationName: string | null | undefined, ctx: GatewayContext) => {
    if (!mustChange(ctx)) return undefined;
    const fields = rootFields(document, operationName);
    return fields && fields.every((f) => ALLOWED_WHILE_PASSWORD_CHANGE_REQUIRED.has(f)) ? undefined : refusal();
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const { document, operationName, contextValue } = typedArgs<GatewayContext>(args);
      const err = check(document, operationName, contextValue);
      if (err) setResultAndStopExecution({ errors: [err] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const { document, operationName, contextValue } = typedArgs<GatewayContext>(args);
      const err = check(document, operationName, contextValue);
      if (err) setResultAndStopExecution({ errors: [err] });
    },
  };
}
