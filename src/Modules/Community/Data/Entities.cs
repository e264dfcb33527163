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
