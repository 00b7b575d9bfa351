import { useDeferredValue, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from './gql/index.js';

const PARTS = graphql(`
  query SupplierParts($supplierId: ID!, $search: String) {
    parts(first: 100, supplierId: $supplierId, search: $search) {
      nodes {
        id
        partNumber
        description
      }
    }
  }
`);

export interface PartOption {
  id: string;
  partNumber: string;
  description: string;
}

/**
 * Parts mapped to one supplier, searched on the server as the user types (an
 * anchor has thousands). Parts seen once stay known, so a chosen part keeps
 * its label when the search changes.
 */
export function useSupplierParts(supplierId: string | undefined) {
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search.trim());
  const [{ data, fetching }] = useQuery({
    query: PARTS,
    variables: { supplierId: supplierId ?? '', search: deferred || null },
    pause: !supplierId,
  });
  // Parts seen in any search so far: one Map for the component's life, filled as results arrive.
  const [known] = useState(() => new Map<string, PartOption>());
  const options = useMemo(() => {
    const nodes = data?.parts.nodes ?? [];
    for (const p of nodes) known.set(p.id, p);
    return nodes.map((p) => ({ value: p.id, label: `${p.partNumber} · ${p.description}` }));
  }, [data, known]);
  const labelOf = (id: string | undefined) => (id ? known.get(id) : undefined);
  return { options, fetching, search, setSearch, labelOf, empty: !fetching && !deferred && !!data && options.length === 0 };
}
