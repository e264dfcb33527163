using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

using Platform.Server.Security;

namespace Platform.Hosting.Security;

/// <summary>
/// Every signed-in user is a <see cref="Roles.Member"/>. Local tokens say so themselves; an OpenID Connect issuer knows
/// nothing of our roles, so the authenticated identity is given the role here. Idempotent, as ASP.NET Core may run
/// a transformation more than once per request.
/// </summary>
internal sealed class MemberRoleClaimsTransformation : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (!principal.IsSignedIn() || principal.IsInRole(Roles.Member))
        {
            return Task.FromResult(principal);
        }

        // The principal may be cached by the caller: change a copy, not the original. ClaimsPrincipal.Clone() shares
        // its identities, so each identity is cloned too.
        var copy = new ClaimsPrincipal(principal.Identities.Select(identity => identity.Clone()));
        var identity = copy.Identities.First(i => i.IsAuthenticated);
        identity.AddClaim(new Claim(identity.RoleClaimType, Roles.Member));
        return Task.FromResult(copy);
    }
}
