/** `bulwark serve` as a child process for the shutdown test (main.ts registers the command itself). */
import { serve } from '../src/cli/serve.js';

await serve({ db: process.env.BULWARK_DB ?? '', keyFile: process.env.BULWARK_KEY_FILE ?? '', host: '127.0.0.1', port: '0' }, (line) => process.stderr.write(`${line}\n`));
