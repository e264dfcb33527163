namespace Platform.Server.Security;

/// <summary>The one value of the <c>role</c> claim the platform itself gives; modules define their own roles.</summary>
public static class Roles
{
    /// <summary>Every signed-in user: local tokens always carry it, and OIDC principals are given it on sign-in.</summary>
    public const string Member = "member";
}
