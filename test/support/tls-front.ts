import * as fs from 'node:fs';
import * as net from 'node:net';
import * as tls from 'node:tls';

/**
 * A TLS frontend for the test's plain Temporal dev server (the dev server has no TLS options):
 * terminates TLS (HTTP/2 by ALPN, as gRPC needs), requiring a client certificate signed by `ca`
 * when `requireClientCert`, and passes the HTTP/2 stream on unchanged. What a client must get
 * right — trusting the CA, the server name, presenting its certificate — is what it would need
 * against a Temporal frontend with mTLS.
 */
export async function startTlsFront(options: {
  target: string;
  cert: string;
  key: string;
  ca: string;
  requireClientCert: boolean;
}): Promise<{ address: string; refused: string[]; accepted: number; close: () => Promise<void> }> {
  const [host, port] = options.target.split(':');
  const sockets = new Set<net.Socket>();
  const front = {
    address: '',
    refused: [] as string[],
    accepted: 0,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = tls.createServer(
    {
      cert: fs.readFileSync(options.cert),
      key: fs.readFileSync(options.key),
      ca: fs.readFileSync(options.ca),
      requestCert: options.requireClientCert,
      rejectUnauthorized: options.requireClientCert,
      ALPNProtocols: ['h2'],
    },
    (client) => {
      front.accepted++;
      const upstream = net.connect(Number(port), host);
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    },
  );
  server.on('tlsClientError', (error) => front.refused.push(error.message));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  front.address = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return front;
}
