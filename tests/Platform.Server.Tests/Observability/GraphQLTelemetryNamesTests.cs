using Platform.Server.Observability;

namespace Platform.Server.Tests.Observability;

/// <summary>The product name the host gives becomes the names dashboards and collectors subscribe to.</summary>
public sealed class GraphQLTelemetryNamesTests
{
    [Fact]
    public void The_product_names_the_source_meter_log_category_and_our_attributes()
    {
        var names = GraphQLTelemetryNames.For("SkillMatrix");

        Assert.Equal("SkillMatrix.GraphQL", names.ActivitySourceName);
        Assert.Equal("SkillMatrix.GraphQL", names.MeterName);
        Assert.Equal("SkillMatrix.GraphQL", names.LoggerCategory);
        Assert.Equal("skillmatrix.cost", names.CostAttribute);
        Assert.Equal("skillmatrix.graphql.error_count", names.ErrorCountAttribute);
        Assert.Equal("skillmatrix.graphql.error_kind", names.ErrorKindTag);
        Assert.Equal("skillmatrix.graphql.requests", names.Instrument("requests"));
        Assert.Equal("skillmatrix.rate_limited", names.RateLimitedEvent);
    }

    [Fact]
    public void A_product_without_a_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() => GraphQLTelemetryNames.For(" "));
    }
}
