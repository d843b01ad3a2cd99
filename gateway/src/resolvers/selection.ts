import { Kind, type GraphQLResolveInfo } from 'graphql';

/**
 * Whether the query asks nothing of this object but its `id` (and `__typename`), e.g.
 * `match { demand { id } }`. The parent already holds that id, so the resolver can answer without
 * a call to the owning service. Fragments and directives count as asking for more.
 */
export function onlyIdSelected(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.every((node) =>
    (node.selectionSet?.selections ?? []).every(
      (s) => s.kind === Kind.FIELD && !s.directives?.length && (s.name.value === 'id' || s.name.value === '__typename'),
    ),
  );
}
