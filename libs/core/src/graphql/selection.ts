import { type FieldNode, type FragmentDefinitionNode, Kind, type SelectionSetNode } from 'graphql';

/** What a field resolver's `info` carries that selectedFields reads. */
export interface SelectionInfo {
  fieldNodes: readonly FieldNode[];
  fragments: Record<string, FragmentDefinitionNode>;
}

/**
 * The fields a query selects under the field being resolved, by name, with
 * their nodes (to look one level deeper), through fragments and inline
 * fragments. @skip/@include are not evaluated: a skipped field still counts,
 * so a reader may load more than it needs, never less.
 */
export function selectedFields(info: SelectionInfo, nodes: readonly FieldNode[] = info.fieldNodes): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visit = (set: SelectionSetNode | undefined, fragmentsSeen: Set<string>) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const list = fields.get(selection.name.value);
        if (list) list.push(selection);
        else fields.set(selection.name.value, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, fragmentsSeen);
      } else if (!fragmentsSeen.has(selection.name.value)) {
        fragmentsSeen.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet, fragmentsSeen);
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet, new Set());
  return fields;
}
