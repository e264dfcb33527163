using System.Net;

namespace SkillMatrix.Host.Tests.Server.Http;

/// <summary>
/// graphql-js's introspection query with every option a current client turns on (what Apollo's and graphql-codegen's
/// tooling send): isRepeatable, specifiedByURL, deprecated arguments and input fields, the schema's description.
/// </summary>
public sealed class FullIntrospectionTests(SeededHost fixture) : IClassFixture<SeededHost>
{
    // getIntrospectionQuery({ directiveIsRepeatable: true, specifiedByUrl: true, inputValueDeprecation: true,
    // schemaDescription: true }) from graphql 16, as printed by graphql-js.
    private const string IntrospectionQuery = """

            query IntrospectionQuery {
              __schema {
                description
                queryType { name kind }
                mutationType { name kind }
                subscriptionType { name kind }
                types {
                  ...FullType
                }
                directives {
                  name
                  description
                  isRepeatable


                  locations
                  args(includeDeprecated: true) {
                    ...InputValue
                  }
                }
              }
            }

            fragment FullType on __Type {
              kind
              name
              description
              specifiedByURL

              fields(includeDeprecated: true) {
                name
                description
                args(includeDeprecated: true) {
                  ...InputValue
                }
                type {
                  ...TypeRef
                }
                isDeprecated
                deprecationReason
              }
              inputFields(includeDeprecated: true) {
                ...InputValue
              }
              interfaces {
                ...TypeRef
              }
              enumValues(includeDeprecated: true) {
                name
                description
                isDeprecated
                deprecationReason
              }
              possibleTypes {
                ...TypeRef
              }
            }

            fragment InputValue on __InputValue {
              name
              description
              type { ...TypeRef }
              defaultValue
              isDeprecated
              deprecationReason
            }

            fragment TypeRef on __Type {
              kind
              name
              ofType {
                name
                kind
                ofType {
                  name
                  kind
                  ofType {
                    name
                    kind
                    ofType {
                      name
                      kind
                      ofType {
                        name
                        kind
                        ofType {
                          name
                          kind
                          ofType {
                            name
                            kind
                            ofType {
                              name
                              kind
                              ofType {
                                name
                                kind
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }

        """;

    [Fact]
    public async Task The_full_introspection_query_of_graphql_js_answers_without_errors()
    {
        var reply = await fixture.Host.Anonymous().QueryAsync(IntrospectionQuery);

        Assert.True(reply.Status == HttpStatusCode.OK && !reply.HasErrors, reply.ToString()[..Math.Min(2000, reply.ToString().Length)]);
        var schema = reply.Data!["__schema"]!;
        Assert.All(schema["directives"]!.AsArray(), d => Assert.False((bool)d!["isRepeatable"]!));
        var types = schema["types"]!.AsArray();
        Assert.All(types, t => Assert.True(t!.AsObject().ContainsKey("specifiedByURL")));
        Assert.Null(types.Single(t => (string?)t!["name"] == "DateTime")!["specifiedByURL"]);
        Assert.Contains(types, t => t!["inputFields"] is { } fields && fields.AsArray().Count > 0);
    }
}
