// Serves a built site with Debian's nginx and the shipped server block (deploy/), on loopback only.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
// Debian's libnginx-mod-http-brotli-static; without it the .br copies are not sent.
export const BROTLI_MODULE =
  process.env.NGINX_BROTLI_MODULE ?? '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

/** Starts nginx on 127.0.0.1:port serving dist with deploy/nginx.conf; resolves once it answers. */
export async function startNginx({ port, dist, root = process.cwd() }) {
  const origin = `http://127.0.0.1:${port}`;
  // Something already answering there would pass for this site below.
  if (
    await fetch(`${origin}/`).then(
      () => true,
      () => false
    )
  )
    throw new Error(`${origin} is already taken: set NGINX_PORT or BENCH_PORT to a free port`);
  const prefix = mkdtempSync(join(tmpdir(), 'stride-nginx-'));
  mkdirSync(join(prefix, 'logs'));
  copyFileSync(join(root, 'deploy/security-headers.conf'), join(prefix, 'security-headers.conf'));
  const brotli = existsSync(BROTLI_MODULE);
  if (brotli)
    copyFileSync(join(root, 'deploy/brotli-static.conf'), join(prefix, 'brotli-static.conf'));
  const site = readFileSync(join(root, 'deploy/nginx.conf'), 'utf8')
    .replace(/listen 8080;/, `listen 127.0.0.1:${port};`)
    .replace(/root \/srv\/container-stride;/, `root ${resolve(dist)};`);
  if (!site.includes(`root ${resolve(dist)};`))
    throw new Error('deploy/nginx.conf no longer has the root line this server rewrites');
  writeFileSync(join(prefix, 'site.conf'), site);
  writeFileSync(
    join(prefix, 'nginx.conf'),
    [
      ...(brotli ? [`load_module ${BROTLI_MODULE};`] : []),
      'worker_processes 1;',
      'daemon off;',
      `pid ${join(prefix, 'nginx.pid')};`,
      `error_log ${join(prefix, 'logs/error.log')};`,
      'events {}',
      'http {',
      '  include /etc/nginx/mime.types;',
      '  default_type application/octet-stream;',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (t) => `  ${t}_temp_path ${join(prefix, `${t}-temp`)};`
      ),
      '  include site.conf;',
      '}',
    ].join('\n')
  );
  const child = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], {
    stdio: 'inherit',
  });
  // nginx exits when it cannot bind: stop waiting for it then.
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = () => {
    child.kill();
    rmSync(prefix, { recursive: true, force: true });
  };
  for (let i = 0; i < 50 && !exited; i++) {
    try {
      if ((await fetch(`${origin}/`)).ok) return { origin, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  stop();
  throw new Error(
    exited
      ? `nginx exited before serving ${origin} (is the port taken?)`
      : `nginx did not answer on ${origin}`
  );
}
