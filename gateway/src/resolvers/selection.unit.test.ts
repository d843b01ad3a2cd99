import { parse, type FieldNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { onlyIdSelected } from './selection';

/** The `demand` field node of `{ match { demand <selection> } }`, as a resolver would see it. */
function infoFor(selection: string): GraphQLResolveInfo {
  const doc = parse(`{ match { demand ${selection} } } fragment F on Demand { id status }`);
  const match = ((doc.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode).selectionSet!
    .selections[0] as FieldNode;
  return { fieldNodes: [match] } as unknown as GraphQLResolveInfo;
}

describe('onlyIdSelected', () => {
  it('is true when only id (and __typename) are asked for', () => {
    expect(onlyIdSelected(infoFor('{ id }'))).toBe(true);
    expect(onlyIdSelected(infoFor('{ __typename id }'))).toBe(true);
  });
  it('is false when anything else is asked for, through a fragment, or under a directive', () => {
    expect(onlyIdSelected(infoFor('{ id status }'))).toBe(false);
    expect(onlyIdSelected(infoFor('{ ...F }'))).toBe(false);
    expect(onlyIdSelected(infoFor('{ ... on Demand { id } }'))).toBe(false);
    expect(onlyIdSelected(infoFor('{ id @include(if: true) }'))).toBe(false);
  });
});
