using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Data.DataLoaders;
using Platform.Hosting;
using Platform.Server.Security;
using SkillMatrix.Assessment.Assessments;
using SkillMatrix.Assessment.Data;
using SkillMatrix.Assessment.Grading;

namespace SkillMatrix.Assessment;

/// <summary>Registration of the Assessment module: the grade calculator, saved self-assessments and their figures.</summary>
public static class AssessmentModule
{
    public static IServiceCollection AddAssessmentModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModule<AssessmentDbContext>("assessment", AssessmentQueries.AddTo, AssessmentMutations.AddTo);
        services.Configure<AssessmentOptions>(configuration.GetSection(AssessmentOptions.SectionName));
        services.AddScoped<Grader>();
        services.AddScoped<SavedEstimateLoader>();
        // Only saveAssessment's payload loads by key, and only the assessment it has just saved.
        services.AddEntityByKeyLoader<AssessmentDbContext, SavedAssessment>(db => db.Assessments, a => a.Id);
        // An assessment is its owner's alone: by id, nobody else finds it.
        services.AddNodeSource("Assessment",
            context => context.Assessments().Assessments.Where(a => a.MemberId == context.User.GetMemberId()), a => a.Id);
        return services;
    }
}
