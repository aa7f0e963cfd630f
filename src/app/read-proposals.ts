import type { ProposalEntry, SpecRepo } from '../model/repository.js';
import { matchesText } from './read-view.js';

/** Which proposals to list; every filter is optional. */
interface ProposalQuery {
  /** The proposal status as written. */
  status?: string | undefined;
  /** Only the proposals of this feature. */
  feature?: string | undefined;
  /** A substring of the id, the title or the document. */
  text?: string | undefined;
}

/** The proposals matching a query, in id order. */
export function listProposals(repo: SpecRepo, q: ProposalQuery): ProposalEntry[] {
  const status = q.status?.toLowerCase();
  const feature = q.feature?.replace(/\/+$/, '');
  return [...repo.proposals.values()]
    .filter(
      (p) =>
        (!status || p.parsed.proposal.status === status) &&
        (!feature || p.feature === feature) &&
        matchesText(q.text, p.id, p.parsed.proposal.title, q.text ? p.text : null),
    )
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
