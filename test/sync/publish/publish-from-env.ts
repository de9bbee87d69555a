// Run as a child process by default-transport.test.ts: publishes the way the CLI will, with settings from the
// environment and Node's own fetch and TLS (the stand-in's certificate comes in through NODE_EXTRA_CA_CERTS).
import { GraphPublisher } from '../../../sync/publish/graph-publisher';
import { fromEnv } from '../../../sync/publish/graph-settings';

const settings = fromEnv(process.env);
const publisher = new GraphPublisher({ settings });
const sizes = process.argv.slice(2).map(Number);
const results = [];
for (const [i, size] of sizes.entries()) {
  results.push(await publisher.publish(i === 0 ? settings.fileName : `${i}-${settings.fileName}`, Buffer.alloc(size, i + 1)));
}
process.stdout.write(JSON.stringify(results));
