import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../scenario/parse.ts';
import { Session } from '../../../../session/session.ts';

/** crashloop: redis (an image with a shell and tar) in `data`, auth-service (distroless) in `identity`. */
function session() {
  const r = parseScenario('scenarios/crashloop.yaml', readFileSync(join(import.meta.dirname, '../../../../../../scenarios/crashloop.yaml'), 'utf8'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const s = Session.start(r.scenario);
  const pod = (prefix: string) => Object.keys(s.state.pods).find((k) => k.startsWith(prefix))!.split('/')[1];
  return { s, redis: pod('data/redis-master'), auth: pod('identity/auth-service-8') };
}

describe('kubectl cp', () => {
  it('copies a file from the pod to the laptop; the remote tar drops the leading /', () => {
    const { s, redis } = session();
    expect(s.run(`kubectl cp data/${redis}:/etc/hostname ./hn`).output).toBe("tar: Removing leading '/' from member names\n");
    expect(s.run('cat ~/hn').output).toBe(`${redis}\n`);
    expect(s.run(`kubectl cp -n data ${redis}:/etc /tmp/etc && ls /tmp/etc`).output).toBe("tar: Removing leading '/' from member names\ngroup\nhostname\nhosts\npasswd\nresolv.conf\n");
  });

  it('copies a laptop file into the container', () => {
    const { s, redis } = session();
    s.run('echo hello > notes.txt');
    expect(s.run(`kubectl cp notes.txt ${redis}:/tmp/ -n data`).output).toBe('');
    s.run(`kubectl exec -it -n data ${redis} -- sh`);
    expect(s.run('cat /tmp/notes.txt').output).toBe('hello\n');
  });

  it('fails in a distroless container, which has no tar, with the runtime\'s exec error', () => {
    const { s, auth } = session();
    expect(s.run(`kubectl cp -n identity ${auth}:/etc/config.yaml ./c`).output).toMatch(/^error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "tar": executable file not found in \$PATH: unknown\n$/);
  });

  it('answers mistakes as kubectl and tar do', () => {
    const { s, redis } = session();
    expect(s.run(`kubectl cp ${redis}:/nope /tmp/x -n data`).output).toBe("tar: Removing leading '/' from member names\ntar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\ncommand terminated with exit code 2\n");
    expect(s.run(`kubectl cp nothere ${redis}:/tmp/ -n data`).output).toBe("error: nothere doesn't exist in local filesystem\n");
    expect(s.run('kubectl cp a b').output).toBe('error: one of src or dest must be a remote file specification\n');
    expect(s.run('kubectl cp a').output).toBe('error: source and destination are required\n');
    expect(s.run('kubectl cp x:/a y:/b').output).toBe('error: one of src or dest must be a local file specification\n');
    expect(s.run('kubectl cp nope:/a b').output).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});
