import { graphql } from '../gql';

/** What every mutation's `errors` carries: its type and the message to show. */
export const PayloadErrorFragment = graphql(`
  fragment PayloadError on Error {
    __typename
    message
  }
`);

/** A proposal as the community panel and the cell details show it. */
export const ProposalFields = graphql(`
  fragment ProposalFields on Proposal {
    id
    status
    title
    rationale
    score
    upVotes
    downVotes
    viewerVote
    createdAt
    author {
      id
      name
    }
    change {
      skill
      domain
      level {
        key
        name
      }
      from
      to
      mandatory
    }
    review {
      decision
      note
      reviewer {
        name
      }
    }
    comments(first: 50) {
      totalCount
      nodes {
        id
        body
        createdAt
        author {
          name
        }
      }
    }
  }
`);

/** Everything the role page shows, matrix included, in one request. */
export const RolePageQuery = graphql(`
  query RolePage($slug: String!) {
    role(slug: $slug) {
      id
      slug
      name
      summary
      version
      watcherCount
      viewerIsWatching
      family {
        slug
        name
      }
      levels {
        level {
          key
          name
          rank
        }
        focus
        techStack
      }
      stats {
        skillCount
        domainCount
        levelCount
        requirementCount
        mandatoryCount
      }
      changes {
        version
        summary
        at
        proposalId
      }
      matrix {
        domain {
          slug
          name
        }
        skills {
          skill {
            slug
            name
          }
          cells {
            id
            proficiency
            mandatory
            level {
              key
            }
          }
        }
      }
      proposals(first: 100, order: [{ createdAt: DESC }]) {
        totalCount
        nodes {
          ...ProposalFields
        }
      }
    }
  }
`);

export const RoleChangedSubscription = graphql(`
  subscription RoleChanged($slug: String!) {
    roleChanged(slug: $slug) {
      version
      change {
        summary
      }
    }
  }
`);

export const ProposalChangedSubscription = graphql(`
  subscription ProposalChanged($roleSlug: String!) {
    proposalChanged(roleSlug: $roleSlug) {
      kind
      proposal {
        id
        status
        score
      }
    }
  }
`);

export const SuggestChangeMutation = graphql(`
  mutation SuggestChange($input: SuggestChangeInput!) {
    suggestChange(input: $input) {
      proposal {
        ...ProposalFields
      }
      errors {
        ...PayloadError
      }
    }
  }
`);

export const VoteMutation = graphql(`
  mutation VoteOnProposal($input: VoteOnProposalInput!) {
    voteOnProposal(input: $input) {
      proposal {
        id
        score
        status
        upVotes
        downVotes
        viewerVote
      }
      errors {
        ...PayloadError
      }
    }
  }
`);

export const ReviewMutation = graphql(`
  mutation ReviewProposal($input: ReviewProposalInput!) {
    reviewProposal(input: $input) {
      proposal {
        id
        status
      }
      errors {
        ...PayloadError
      }
    }
  }
`);

/** What watching or unwatching changes on the role: the same answer from both mutations. */
export const RoleWatchStateFragment = graphql(`
  fragment RoleWatchState on Role {
    id
    watcherCount
    viewerIsWatching
  }
`);

export const WatchMutation = graphql(`
  mutation WatchRole($input: WatchRoleInput!) {
    watchRole(input: $input) {
      role {
        ...RoleWatchState
      }
      errors {
        ...PayloadError
      }
    }
  }
`);

export const UnwatchMutation = graphql(`
  mutation UnwatchRole($input: UnwatchRoleInput!) {
    unwatchRole(input: $input) {
      role {
        ...RoleWatchState
      }
      errors {
        ...PayloadError
      }
    }
  }
`);

export const CommentMutation = graphql(`
  mutation CommentOnProposal($input: CommentOnProposalInput!) {
    commentOnProposal(input: $input) {
      comment {
        id
      }
      errors {
        ...PayloadError
      }
    }
  }
`);

export const WithdrawMutation = graphql(`
  mutation WithdrawProposal($input: WithdrawProposalInput!) {
    withdrawProposal(input: $input) {
      proposal {
        id
        status
      }
      errors {
        ...PayloadError
      }
    }
  }
`);

/** A role's ladder and every cell of its matrix, no more: what the calculator rates and the comparison compares. */
export const RoleLadderMatrixQuery = graphql(`
  query RoleLadderMatrix($slug: String!) {
    role(slug: $slug) {
      id
      slug
      name
      levels {
        level {
          key
          name
          rank
        }
      }
      matrix {
        domain {
          slug
          name
        }
        skills {
          skill {
            slug
            name
          }
          cells {
            proficiency
            mandatory
          }
        }
      }
    }
  }
`);
