import { useQuery } from 'urql';
import { graphql } from './gql/index.js';

const ACTIVE_SUPPLIERS = graphql(`
  query ActiveSuppliers {
    partnerships(status: ACTIVE) {
      id
      supplier {
        id
        name
      }
    }
  }
`);

/** The anchor's suppliers with an active partnership, as options of a select (orders and forecasts need one). */
export function useActiveSupplierOptions() {
  const [{ data, error }] = useQuery({ query: ACTIVE_SUPPLIERS });
  return { options: (data?.partnerships ?? []).map((p) => ({ value: p.supplier.id, label: p.supplier.name })), error };
}
