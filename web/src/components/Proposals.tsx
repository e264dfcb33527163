import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../auth';
import type { ProposalFieldsFragment } from '../gql/graphql';
import { proficiencyName } from '../proficiency';
import { CommentMutation, ReviewMutation, VoteMutation, WithdrawMutation } from '../pages/roleDocuments';

const statusName: Record<ProposalFieldsFragment['status'], string> = {
  OPEN: 'Open',
  IN_REVIEW: 'In review',
  ACCEPTED: 'Accepted',
  REJECTED: 'Rejected',
  WITHDRAWN: 'Withdrawn',
};

export function isLive(proposal: ProposalFieldsFragment) {
  return proposal.status === 'OPEN' || proposal.status === 'IN_REVIEW';
}

function describe(proposal: ProposalFieldsFragment) {
  const { change } = proposal;
  const from = change.from ? proficiencyName[change.from] : 'nothing';
  const to = change.to ? proficiencyName[change.to] : 'removed';
  return `${change.skill} at ${change.level.name}: ${from} → ${to}`;
}

/** A list of proposals with what the viewer may do to each: vote (members, not on their own), review (experts). */
export function ProposalList({ proposals, onChanged, empty }: { proposals: ProposalFieldsFragment[]; onChanged: () => void; empty: string }) {
  const { viewer } = useAuth();
  const location = useLocation();
  const [vote, voteOn] = useMutation(VoteMutation);
  const [review, reviewOn] = useMutation(ReviewMutation);
  const [withdrawal, withdraw] = useMutation(WithdrawMutation);
  const failure =
    vote.error?.message ??
    review.error?.message ??
    withdrawal.error?.message ??
    vote.data?.voteOnProposal.errors?.[0]?.message ??
    review.data?.reviewProposal.errors?.[0]?.message ??
    withdrawal.data?.withdrawProposal.errors?.[0]?.message;

  if (proposals.length === 0) return <p>{empty}</p>;
  return (
    <>
      {failure && <p role="alert" className="error">{failure}</p>}
      <ul className="proposals">
        {proposals.map((proposal) => {
          const own = viewer?.id === proposal.author.id;
          const live = isLive(proposal);
          return (
            <li key={proposal.id} data-testid="proposal" data-status={proposal.status} data-title={proposal.title}>
              <div className="proposal-head">
                <strong>{proposal.title}</strong>
                <span className={`status s-${proposal.status.toLowerCase()}`} data-testid="proposal-status">{statusName[proposal.status]}</span>
              </div>
              <p>{describe(proposal)}</p>
              <p className="muted">
                by {proposal.author.name} · score <span data-testid="proposal-score">{proposal.score}</span> ({proposal.upVotes} up, {proposal.downVotes} down)
              </p>
              {proposal.review && (
                <p className="muted">
                  {proposal.review.decision === 'ACCEPT' ? 'Accepted' : 'Rejected'} by {proposal.review.reviewer.name}
                  {proposal.review.note ? `: ${proposal.review.note}` : ''}
                </p>
              )}
              {live && viewer && (
                <div className="actions">
                  {!own && (
                    <>
                      <button
                        type="button"
                        aria-pressed={proposal.viewerVote === 'UP'}
                        aria-label={`Vote up: ${proposal.title}`}
                        disabled={vote.fetching}
                        onClick={() => voteOn({ input: { proposalId: proposal.id, value: proposal.viewerVote === 'UP' ? null : 'UP' } }).then(onChanged)}
                      >
                        ▲ Up
                      </button>
                      <button
                        type="button"
                        aria-pressed={proposal.viewerVote === 'DOWN'}
                        aria-label={`Vote down: ${proposal.title}`}
                        disabled={vote.fetching}
                        onClick={() => voteOn({ input: { proposalId: proposal.id, value: proposal.viewerVote === 'DOWN' ? null : 'DOWN' } }).then(onChanged)}
                      >
                        ▼ Down
                      </button>
                    </>
                  )}
                  {own && (
                    <button
                      type="button"
                      aria-label={`Withdraw: ${proposal.title}`}
                      disabled={withdrawal.fetching}
                      onClick={() => withdraw({ input: { proposalId: proposal.id } }).then(onChanged)}
                    >
                      Withdraw
                    </button>
                  )}
                  {viewer.roles.includes('expert') && (
                    <>
                      <button
                        type="button"
                        aria-label={`Accept: ${proposal.title}`}
                        disabled={review.fetching}
                        onClick={() => reviewOn({ input: { proposalId: proposal.id, decision: 'ACCEPT' } }).then(onChanged)}
                      >
                        Accept
                      </button>
                      <button
                        type="button"
                        aria-label={`Reject: ${proposal.title}`}
                        disabled={review.fetching}
                        onClick={() => reviewOn({ input: { proposalId: proposal.id, decision: 'REJECT' } }).then(onChanged)}
                      >
                        Reject
                      </button>
                    </>
                  )}
                </div>
              )}
              <Comments proposal={proposal} onChanged={onChanged} />
              {live && !viewer && (
                <p className="muted">
                  <Link to={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>Sign in</Link> to vote.
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** A proposal's comments, folded; signed in, a form to add one. */
function Comments({ proposal, onChanged }: { proposal: ProposalFieldsFragment; onChanged: () => void }) {
  const { viewer } = useAuth();
  const [body, setBody] = useState('');
  const [result, comment] = useMutation(CommentMutation);
  const id = useId();
  const comments = proposal.comments?.nodes ?? [];
  const failure = result.error?.message ?? result.data?.commentOnProposal.errors?.[0]?.message;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const answer = await comment({ input: { proposalId: proposal.id, body } });
    if (answer.data?.commentOnProposal.comment) {
      setBody('');
      onChanged();
    }
  }

  return (
    <details className="comments" data-testid="comments">
      <summary>Comments ({proposal.comments?.totalCount ?? 0})</summary>
      <ul>
        {comments.map((entry) => (
          <li key={entry.id} data-testid="comment">
            <strong>{entry.author.name}</strong> <time dateTime={entry.createdAt}>{new Date(entry.createdAt).toLocaleString()}</time>: {entry.body}
          </li>
        ))}
      </ul>
      {viewer && (
        <form onSubmit={submit} className="stack">
          <label htmlFor={id}>Comment on “{proposal.title}”</label>
          <textarea id={id} rows={2} maxLength={4000} required value={body} onChange={(event) => setBody(event.target.value)} />
          {failure && <p role="alert" className="error">{failure}</p>}
          <button type="submit" disabled={result.fetching}>Comment</button>
        </form>
      )}
    </details>
  );
}
