using GraphQL;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SkillMatrix.Assessment.Assessments;
using SkillMatrix.Assessment.Data;
using SkillMatrix.Assessment.Grading;
using Platform.Data.DataLoaders;
using Platform.Hosting.Persistence;
using Platform.Data.Relay;
using Platform.Data.Schema;
using Platform.Server.Security;

namespace SkillMatrix.Assessment;

/// <summary>Registration of the Assessment module: the grade calculator, saved self-assessments and their figures.</summary>
public static class AssessmentModule
{
    public static IServiceCollection AddAssessmentModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<AssessmentDbContext>("assessment");
        services.Configure<AssessmentOptions>(configuration.GetSection(AssessmentOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<Grader>();
        services.AddScoped<SavedEstimateLoader>();
        // Only saveAssessment's payload loads by key, and only the assessment it has just saved.
        services.AddEntityByKeyLoader<AssessmentDbContext, SavedAssessment>(db => db.Assessments, a => a.Id);
        // An assessment is its owner's alone: by id, nobody else finds it.
        services.AddNodeSource("Assessment",
            context => context.Assessments().Assessments.Where(a => a.MemberId == context.User.GetMemberId()), a => a.Id);
        services.AddSchemaSlice(AssessmentQueries.AddTo, AssessmentMutations.AddTo);
        services.AddGraphQL(graphql => graphql.AddGraphTypes(typeof(AssessmentModule).Assembly));
        return services;
    }
}
