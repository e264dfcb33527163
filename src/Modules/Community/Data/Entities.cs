using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Community.Data;

/// <summary>A signed-in person as the community knows them: the token's subject and name, kept up to date.</summary>
internal sealed class Member
{
    public required string Id { get; set; }
    public required string Name { get; set; }
}

internal enum ProposalStatus
{
    Open = 1,
    InReview = 2,
    Accepted = 3,
    Rejected = 4,
    Withdrawn = 5,
}

internal enum VoteValue
{
    Up = 1,
    Down = 2,
}

internal enum ReviewDecision
{
    Accept = 1,
    Reject = 2,
}

internal enum NotificationKind
{
    ProposalCreated = 1,
    ProposalStatusChanged = 2,
    ProposalCommented = 3,
}

/// <summary>A suggested change to one cell of a role's matrix, and where it stands.</summary>
internal sealed class Proposal
{
    public int Id { get; set; }

    // The Catalog's role, by key and slug (the slug makes proposals filterable by role without a join across modules).
    public int RoleId { get; set; }
    public required string RoleSlug { get; set; }

    public ProposalStatus Status { get; set; } = ProposalStatus.Open;
    public required string Title { get; set; }
    public required string Rationale { get; set; }

    // The cell: skill (existing, or new with its domain), level, and the value before and after.
    public required string SkillSlug { get; set; }
    public required string SkillName { get; set; }
    public required string DomainSlug { get; set; }
    public required string DomainName { get; set; }
    public bool IsNewSkill { get; set; }
    public int LevelId { get; set; }
    public required string LevelKey { get; set; }
    public Proficiency? From { get; set; }
    public Proficiency? To { get; set; }
    public bool Mandatory { get; set; }

    public required string AuthorId { get; set; }
    public Member Author { get; set; } = null!;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    // Kept in step with the votes inside each vote's transaction, so that score can be sorted and filtered in SQL.
    public int UpVotes { get; set; }
    public int DownVotes { get; set; }
    public int Score { get; set; }

    public Review? Review { get; set; }
    public List<Vote> Votes { get; set; } = [];
    public List<Comment> Comments { get; set; } = [];

    public bool IsOpen => Status is ProposalStatus.Open or ProposalStatus.InReview;
}

internal sealed class Vote
{
    public int ProposalId { get; set; }
    public required string MemberId { get; set; }
    public VoteValue Value { get; set; }
    public DateTime At { get; set; }
}

internal sealed class Comment
{
    public int Id { get; set; }
    public int ProposalId { get; set; }
    public Proposal Proposal { get; set; } = null!;
    public required string AuthorId { get; set; }
    public Member Author { get; set; } = null!;
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class Review
{
    public int ProposalId { get; set; }
    public required string ReviewerId { get; set; }
    public Member Reviewer { get; set; } = null!;
    public ReviewDecision Decision { get; set; }
    public string? Note { get; set; }
    public DateTime At { get; set; }
}

/// <summary>A member following a role's proposals.</summary>
internal sealed class Watch
{
    public int RoleId { get; set; }
    public required string MemberId { get; set; }
    public DateTime At { get; set; }
}

internal sealed class Notification
{
    public int Id { get; set; }
    public required string MemberId { get; set; }
    public NotificationKind Kind { get; set; }
    public int ProposalId { get; set; }
    public Proposal Proposal { get; set; } = null!;
    public DateTime CreatedAt { get; set; }
}
