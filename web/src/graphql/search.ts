// The search arguments the gateway adds beyond the public contract (issue 19). Codegen types the
// console's operations from the contract alone, so these documents are the generated ones with the
// extra variable added: same selection, same result type. A generated text that no longer reads
// as expected stops the console at load instead of silently dropping the search.
import {
  BankMatchesDocument,
  EnterprisesDocument,
  TypedDocumentString,
  type BankMatchesQuery,
  type BankMatchesQueryVariables,
  type EnterprisesQuery,
  type EnterprisesQueryVariables,
} from '../gql/generated';

function withArguments(doc: { toString(): string }, edits: [from: string, to: string][]): string {
  return edits.reduce((text, [from, to]) => {
    if (!text.includes(from)) throw new Error(`search: the generated operation no longer contains "${from}"`);
    return text.replace(from, to);
  }, doc.toString());
}

/** The finance centre's enterprise list with `search` (name part or USCC prefix). */
export const SearchEnterprisesDocument = new TypedDocumentString<EnterprisesQuery, EnterprisesQueryVariables & { search?: string | null }>(
  withArguments(EnterprisesDocument, [
    ['($tier: EnterpriseTier, $after: String)', '($tier: EnterpriseTier, $after: String, $search: String)'],
    ['enterprises(tier: $tier,', 'enterprises(search: $search, tier: $tier,'],
  ]),
);

/** A bank's match inbox with `enterpriseName`. */
export const SearchBankMatchesDocument = new TypedDocumentString<
  BankMatchesQuery,
  BankMatchesQueryVariables & { enterpriseName?: string | null }
>(
  withArguments(BankMatchesDocument, [
    ['($status: MatchStatus, $after: String)', '($status: MatchStatus, $after: String, $enterpriseName: String)'],
    ['bankMatches(status: $status,', 'bankMatches(enterpriseName: $enterpriseName, status: $status,'],
  ]),
);
