import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestApp } from './test-app.js';

/**
 * Subscribes `email` to orderEvents over graphql-ws on `app` (listening on a
 * free port) and returns the array the events arrive in. The client is added
 * to `clients` for disposal.
 */
export async function subscribeToOrderEvents(
  app: TestApp,
  email: string,
  clients: Client[],
  selection = 'type purchaseOrderId revision actor { email }',
): Promise<any[]> {
  const url = `ws://127.0.0.1:${await app.listen()}/graphql`;
  const token = await app.tokenFor(email);
  const received: any[] = [];
  const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, lazy: false });
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.on('connected', () => resolve());
    client.on('closed', (e) => reject(new Error(`closed ${(e as { code?: number }).code}`)));
  });
  client.subscribe(
    { query: `subscription { orderEvents { ${selection} } }` },
    {
      next: (value) => received.push((value.data as any)?.orderEvents ?? value),
      error: (e) => received.push({ error: e }),
      complete: () => undefined,
    },
  );
  // Give the server a moment to register the subscription.
  await new Promise((r) => setTimeout(r, 200));
  return received;
}
