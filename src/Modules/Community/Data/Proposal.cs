using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Community.Data;

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

    // The status changes here and nowhere else. Each transition refuses what the workflow forbids with the error the
    // mutation answers; a refused transition changes nothing.

    /// <summary>Whether <paramref name="memberId"/> may vote now: not on their own proposal, only while it is open.</summary>
    public NotAllowedError? Vote(string memberId) =>
        AuthorId == memberId ? new NotAllowedError("You cannot vote on your own proposal.")
        : !IsOpen ? new NotAllowedError($"The proposal is {StatusName}; votes are taken only while it is open or in review.")
        : null;

    /// <summary>Takes the votes as counted in the database, so that the score can be filtered and sorted in SQL.</summary>
    public void CountVotes(int up, int down, DateTime now)
    {
        UpVotes = up;
        DownVotes = down;
        Score = up - down;
        UpdatedAt = now;
    }

    /// <summary>An open proposal whose score reached <paramref name="threshold"/> moves to IN_REVIEW; true when it moved.</summary>
    public bool EnterReview(int threshold)
    {
        if (Status != ProposalStatus.Open || Score < threshold)
        {
            return false;
        }

        Status = ProposalStatus.InReview;
        return true;
    }

    public ConflictError? Accept(Member reviewer, string? note, DateTime now) => Decide(ReviewDecision.Accept, reviewer, note, now);

    public ConflictError? Reject(Member reviewer, string? note, DateTime now) => Decide(ReviewDecision.Reject, reviewer, note, now);

    /// <summary>Only the author withdraws, and only while the proposal is open.</summary>
    public NotAllowedError? Withdraw(string? memberId, DateTime now)
    {
        if (AuthorId != memberId)
        {
            return new NotAllowedError("Only the author can withdraw a proposal.");
        }

        if (!IsOpen)
        {
            return new NotAllowedError($"The proposal is {StatusName}; only an open one can be withdrawn.");
        }

        Status = ProposalStatus.Withdrawn;
        UpdatedAt = now;
        return null;
    }

    private ConflictError? Decide(ReviewDecision decision, Member reviewer, string? note, DateTime now)
    {
        if (!IsOpen)
        {
            return new ConflictError($"The proposal is {StatusName}; only an open or in-review proposal can be reviewed.");
        }

        Status = decision == ReviewDecision.Accept ? ProposalStatus.Accepted : ProposalStatus.Rejected;
        UpdatedAt = now;
        Review = new Review { ProposalId = Id, ReviewerId = reviewer.Id, Reviewer = reviewer, Decision = decision, Note = note?.Trim(), At = now };
        return null;
    }

    // As the messages have always spelled it (IN_REVIEW reads INREVIEW).
    private string StatusName => Status.ToString().ToUpperInvariant();
}

