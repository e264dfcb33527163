using Microsoft.Extensions.DependencyInjection;
using SkillMatrix.Host.Tests.Community;

namespace SkillMatrix.Host.Tests.Data.Persistence;

/// <summary>
/// .NET keeps time in 100 ns ticks, PostgreSQL in microseconds: the times a mutation answers and a later query reads
/// must be the same, and the same on both databases, so every time is stored cut to the microsecond.
/// </summary>
public sealed class TimePrecisionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_time_with_ticks_below_a_microsecond_reads_back_as_the_mutation_answered_it_cut_to_the_microsecond(bool onPostgreSql)
    {
        // A minute ago (the clock also dates the test's tokens), at .1234567 s: the 7 is below a microsecond.
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var time = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero).AddTicks(1_234_567);
        var builder = TestHost.Start().WithSignIn().WithServices(services => services.AddSingleton<TimeProvider>(new FixedClock(time)));
        await using var host = await (onPostgreSql ? builder.OnPostgreSql() : builder).BuildAsync();
        var api = new CommunityApi(host);

        var proposal = await api.ProposeAsync(api.SignIn("Author"));
        var read = await api.ProposalAsync((string)proposal["id"]!);

        var answered = (string)proposal["createdAt"]!;
        Assert.Equal(answered, (string?)read!["createdAt"]);
        Assert.Equal(time.UtcDateTime.AddTicks(-7), DateTime.Parse(answered, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
