import type { IncomingMessage, ServerResponse } from 'node:http';
import { createStaticHandler, isApiPath } from './static';

const req = (url: string, method = 'GET') => ({ url, method, headers: {} }) as unknown as IncomingMessage;
function res() {
  const r = { status: 0, headers: {} as Record<string, unknown>, body: '' };
  const obj = {
    writeHead: (s: number, h: Record<string, unknown>) => ((r.status = s), (r.headers = h), obj),
    end: (b?: string | Buffer) => ((r.body = b ? b.toString() : ''), obj),
  };
  return { r, res: obj as unknown as ServerResponse };
}

describe('static web console handler', () => {
  it('never answers the API paths', () => {
    expect(isApiPath('/graphql')).toBe(true);
    expect(isApiPath('/healthz')).toBe(true);
    expect(isApiPath('/export/loans.csv')).toBe(true);
    expect(isApiPath('/')).toBe(false);
    expect(isApiPath('/finance/dashboard')).toBe(false);
    const serve = createStaticHandler('/nonexistent-yinqi-web-dist');
    for (const url of ['/graphql', '/graphql?query={me{id}}', '/healthz', '/export/matches.csv'])
      expect(serve(req(url), res().res)).toBe(false);
    expect(serve(req('/', 'POST'), res().res)).toBe(false);
  });

  it('refuses paths outside its root and says when the console is not built', () => {
    const serve = createStaticHandler('/nonexistent-yinqi-web-dist');
    expect(serve(req('/../../etc/passwd'), res().res)).toBe(true); // normalized inside the root: 404, never the file
    const a = res();
    serve(req('/%2e%2e/%2e%2e/etc/passwd'), a.res);
    expect([404, 503]).toContain(a.r.status); // never the file
    const b = res();
    serve(req('/enterprise/demands'), b.res);
    expect(b.r.status).toBe(503);
  });
});
