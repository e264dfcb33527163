namespace Platform.Server.Http;

/// <summary>
/// An execution step that supplies the document of a request sent without <c>query</c>, from its document id or its
/// extensions (persisted operations by id, automatic persisted queries by hash). It registers itself here so the
/// transport accepts such a request only while something serves it, and names no feature; without one, a request with
/// no query is refused as it always was.
/// </summary>
internal interface IGraphQLQuerySource
{
    /// <summary>
    /// Whether this document id (the request's <c>documentId</c> or <c>id</c>) or these extensions name a document this
    /// source will look up (found or not).
    /// </summary>
    bool CanSupply(string? documentId, Inputs? extensions);
}
