using System.Globalization;
using SkillMatrix.Community.Data;
using SkillMatrix.Community.Proposals;

namespace SkillMatrix.Community.Stats;

internal sealed record ProposalStats(IReadOnlyList<StatusCount> ByStatus, IReadOnlyList<MonthCount> AcceptedByMonth)
{
    // Both figures are GROUP BY statements; nothing is counted in memory but the months' labels.
    public static async Task<ProposalStats> CountAsync(CommunityDbContext db, int roleId, CancellationToken cancellationToken)
    {
        var byStatus = await db.Proposals.Where(p => p.RoleId == roleId)
            .GroupBy(p => p.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var byMonth = await db.Reviews
            .Where(r => r.Decision == ReviewDecision.Accept && db.Proposals.Any(p => p.Id == r.ProposalId && p.RoleId == roleId))
            .GroupBy(r => new { r.At.Year, r.At.Month }).Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new ProposalStats(
            Enum.GetValues<ProposalStatus>().Select(status => new StatusCount(status, byStatus.GetValueOrDefault(status))).ToList(),
            byMonth.OrderBy(m => m.Year).ThenBy(m => m.Month)
                .Select(m => new MonthCount(string.Create(CultureInfo.InvariantCulture, $"{m.Year:0000}-{m.Month:00}"), m.Count)).ToList());
    }
}

internal sealed record StatusCount(ProposalStatus Status, int Count);

internal sealed record MonthCount(string Month, int Count);

internal sealed class ProposalStatsType : ObjectGraphType<ProposalStats>
{
    public ProposalStatsType()
    {
        Description = "Figures over a role's proposals.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StatusCountType>>>>("byStatus").Description("Every status, with zero where none.").ResolveFromSource(source => source.ByStatus);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MonthCountType>>>>("acceptedByMonth").Description("Accepted proposals per month of their review, oldest first.").ResolveFromSource(source => source.AcceptedByMonth);
    }
}

internal sealed class StatusCountType : ObjectGraphType<StatusCount>
{
    public StatusCountType()
    {
        Field(s => s.Status, typeof(NonNullGraphType<ProposalStatusType>));
        Field(c => c.Count);
    }
}

internal sealed class MonthCountType : ObjectGraphType<MonthCount>
{
    public MonthCountType()
    {
        Field(c => c.Month).Description("YYYY-MM.");
        Field(c => c.Count);
    }
}
