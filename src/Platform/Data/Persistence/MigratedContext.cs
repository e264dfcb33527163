namespace Platform.Data.Persistence;

/// <summary>
/// A module's DbContext type, registered once per module: start-up migrates each, and a mutation's transaction
/// enlists each.
/// </summary>
public sealed record MigratedContext(Type ContextType);
