import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { useAuth } from '../auth';
import { CellDialog } from '../components/CellDialog';
import { Matrix, type CellChoice } from '../components/Matrix';
import { isLive, ProposalList } from '../components/Proposals';
import {
  ProposalChangedSubscription,
  RoleChangedSubscription,
  RolePageQuery,
  UnwatchMutation,
  WatchMutation,
} from './roleDocuments';

/** The chosen cell's row as the latest answer has it, so a live update shows in an open dialog too. */
function freshRow(role: { matrix: { domain: CellChoice['row']['domain']; skills: Omit<CellChoice['row'], 'domain'>[] }[] }, choice: CellChoice) {
  for (const group of role.matrix) {
    const row = group.skills.find((skill) => skill.skill.slug === choice.row.skill.slug);
    if (row) return { ...row, domain: group.domain };
  }
  return choice.row;
}

export function RolePage() {
  const { slug = '' } = useParams();
  const { viewer } = useAuth();
  const [{ data, fetching, error }, refetch] = useQuery({ query: RolePageQuery, variables: { slug } });
  const [choice, setChoice] = useState<CellChoice | null>(null);
  const [live, setLive] = useState<string | null>(null);
  const [, watch] = useMutation(WatchMutation);
  const [, unwatch] = useMutation(UnwatchMutation);
  const reload = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);

  // Live: an accepted change or a proposal's vote, comment or status reloads the page's one query.
  useSubscription({ query: RoleChangedSubscription, variables: { slug } }, (_, event) => {
    setLive(`Version ${event.roleChanged.version}: ${event.roleChanged.change.summary}`);
    reload();
    return event;
  });
  useSubscription({ query: ProposalChangedSubscription, variables: { roleSlug: slug } }, (_, event) => {
    reload();
    return event;
  });

  if (!data && fetching) return <p role="status">Loading…</p>;
  if (error && !data) return <p role="alert">Could not load the role: {error.message}</p>;
  const role = data?.role;
  if (!role) {
    return (
      <>
        <h1>No such role</h1>
        <p>
          There is no role “{slug}”. <Link to="/">See the roles</Link>.
        </p>
      </>
    );
  }

  const proposals = role.proposals?.nodes ?? [];
  const openProposals = proposals.filter(isLive);
  const openCount = (skill: string, level: string) => openProposals.filter((p) => p.change.skill === skill && p.change.level.key === level).length;
  const levels = role.levels.map((entry) => entry.level);

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Roles</Link> › {role.family.name}
      </nav>
      <h1>{role.name}</h1>
      {role.summary && <p className="summary">{role.summary}</p>}
      <p className="muted">
        {role.family.name} · version <span data-testid="role-version">{role.version}</span>
      </p>
      <ul className="counts" aria-label="Counts">
        <li data-testid="count-skills"><strong>{role.stats.skillCount}</strong> skills</li>
        <li data-testid="count-levels"><strong>{role.stats.levelCount}</strong> levels</li>
        <li data-testid="count-domains"><strong>{role.stats.domainCount}</strong> domains</li>
        <li data-testid="count-mandatory"><strong>{role.stats.mandatoryCount}</strong> mandatory</li>
        <li data-testid="count-requirements"><strong>{role.stats.requirementCount}</strong> requirements</li>
      </ul>
      <p className="links">
        <Link to={`/roles/${role.slug}/compare`}>Compare levels</Link>
        <Link to={`/roles/${role.slug}/calculator`}>Grade calculator</Link>
        <Link to={`/roles/${role.slug}/figures`}>Figures</Link>
        <a href={`/roles/${role.slug}/career-track.pdf`}>Career track (PDF)</a>
        <a href={`/roles/${role.slug}/career-track.csv`}>Career track (CSV)</a>
      </p>
      {live && (
        <p role="status" className="live" data-testid="live-notice">
          Updated live: {live}
        </p>
      )}

      <section aria-labelledby="ladder-heading">
        <h2 id="ladder-heading">Technology stack and focus by level</h2>
        <div className="ladder">
          {role.levels.map((entry) => (
            <article key={entry.level.key} className="level-card" data-testid="level" data-level={entry.level.key}>
              <h3>{entry.level.name}</h3>
              {entry.focus && <p>{entry.focus}</p>}
              <ul className="tags" aria-label={`Technology stack at ${entry.level.name}`}>
                {entry.techStack.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </article>
          ))}
        </div>
      </section>

      <Matrix role={role} openCount={openCount} onOpen={setChoice} />

      <section aria-labelledby="community-heading" className="community">
        <h2 id="community-heading">Community</h2>
        <p>
          <span data-testid="watcher-count">{role.watcherCount}</span> watching.{' '}
          {viewer ? (
            <button
              type="button"
              aria-pressed={role.viewerIsWatching}
              onClick={() => (role.viewerIsWatching ? unwatch : watch)({ input: { roleSlug: role.slug } }).then(reload)}
            >
              {role.viewerIsWatching ? 'Stop watching' : 'Watch'}
            </button>
          ) : (
            <>
              <Link to={`/sign-in?next=${encodeURIComponent(`/roles/${role.slug}`)}`}>Sign in</Link> to watch, suggest changes and vote. Select a cell to suggest a change to it.
            </>
          )}
        </p>
        <h3>Proposals ({role.proposals?.totalCount ?? 0})</h3>
        <ProposalList proposals={proposals} onChanged={reload} empty={`No proposals yet for ${role.name}.`} />
      </section>

      <section aria-labelledby="changes-heading">
        <h2 id="changes-heading">Changelog</h2>
        {role.changes.length === 0 && <p>No changes since the import (version 1).</p>}
        <ol className="changes" data-testid="changelog">
          {role.changes.map((change) => (
            <li key={change.version}>
              <strong>v{change.version}</strong> <time dateTime={change.at}>{new Date(change.at).toLocaleDateString()}</time>: {change.summary}
            </li>
          ))}
        </ol>
      </section>

      {choice && (
        <CellDialog
          roleSlug={role.slug}
          choice={{ ...choice, row: freshRow(role, choice) }}
          levels={levels}
          proposals={proposals}
          onClose={() => setChoice(null)}
          onChanged={reload}
        />
      )}
    </>
  );
}
