// serve-files.mjs - serves the files of one folder read-only on 127.0.0.1, as a file host behind a Teams download
// link would, for the e2e steps that send a file to the bot (::custom activities with file.download.info).
//
// usage: node serve-files.mjs DIR PORT     (runs until killed)
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const [dir, port] = process.argv.slice(2);
if (!dir || !port) { console.error('usage: serve-files.mjs DIR PORT'); process.exit(2); }
const root = path.resolve(dir);

http.createServer((req, res) => {
  const name = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '');
  const file = path.join(root, name);
  // only files directly in the folder: no "..", no sub-folders
  if (req.method !== 'GET' || name.includes('/') || path.dirname(file) !== root || !fs.existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8' });
  fs.createReadStream(file).pipe(res);
}).listen(+port, '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port}/`));
