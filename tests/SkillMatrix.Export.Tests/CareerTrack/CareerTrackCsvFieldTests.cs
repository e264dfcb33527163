using SkillMatrix.Export.CareerTrack;

namespace SkillMatrix.Export.Tests.CareerTrack;

public sealed class CareerTrackCsvFieldTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("API & Integration", "API & Integration")]
    [InlineData("JWT / OAuth2 / OIDC", "JWT / OAuth2 / OIDC")]
    [InlineData("Backend Developer (Python)", "Backend Developer (Python)")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("\"", "\"\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    public void A_field_is_quoted_as_RFC_4180_says(string value, string expected)
    {
        Assert.Equal(expected, CareerTrackCsv.Field(value));
    }
}
