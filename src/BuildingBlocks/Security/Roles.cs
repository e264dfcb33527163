namespace SkillMatrix.BuildingBlocks.Security;

/// <summary>The values of the <c>role</c> claim the API knows.</summary>
public static class Roles
{
    /// <summary>Every signed-in user: local tokens always carry it, and OIDC principals are given it on sign-in.</summary>
    public const string Member = "member";

    /// <summary>May review proposals.</summary>
    public const string Expert = "expert";
}
