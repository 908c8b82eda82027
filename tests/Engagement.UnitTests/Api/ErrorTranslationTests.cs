using Engagement.Api.Endpoints.Errors;
using Engagement.Api.Validation;

namespace Engagement.UnitTests.Api;

public class ErrorTranslationTests
{
    [Fact]
    public void Input_errors_become_invalid_with_their_field()
    {
        Assert.Equal(new ClientError(ErrorCodes.Invalid, "text is empty.", "text"),
            ErrorTranslation.ToClientError(new InputException("text", "text is empty.")));
    }

    [Fact]
    public void Grain_errors_keep_their_code_and_message()
    {
        Assert.Equal(new ClientError(ErrorCodes.Forbidden, "not yours"),
            ErrorTranslation.ToClientError(EngagementException.Forbidden("not yours")));
    }

    [Fact]
    public void Timeouts_mean_retry()
    {
        Assert.Equal(ErrorCodes.Unavailable, ErrorTranslation.ToClientError(new TimeoutException())?.Code);
    }

    [Fact]
    public void Storage_errors_at_the_edge_mean_retry_without_their_details()
    {
        var storage = new OrleansException("Error from storage provider AdoNetGrainStorage.customer during ReadState for grain customer/cust:v_1",
            new Npgsql.NpgsqlException("Failed to connect to 127.0.0.1:55432", new System.Net.Sockets.SocketException()));
        Assert.Equal(new ClientError(ErrorCodes.Unavailable, FailureClassifier.UnavailableMessage), ErrorTranslation.ToClientError(storage));
        Assert.Equal(ErrorCodes.Unavailable, ErrorTranslation.ToClientError(new SiloUnavailableException())?.Code);
    }

    [Fact]
    public void Database_bugs_stay_private()
    {
        Assert.Null(ErrorTranslation.ToClientError(new Npgsql.PostgresException("duplicate key value", "ERROR", "ERROR", "23505")));
    }

    [Fact]
    public void Unexpected_errors_stay_private()
    {
        Assert.Null(ErrorTranslation.ToClientError(new InvalidOperationException("secret detail")));
    }

    [Theory]
    [InlineData(ErrorCodes.NotFound, 404)]
    [InlineData(ErrorCodes.Forbidden, 403)]
    [InlineData(ErrorCodes.Invalid, 400)]
    [InlineData(ErrorCodes.Conflict, 409)]
    [InlineData(ErrorCodes.Unavailable, 503)]
    [InlineData(ErrorCodes.TooLarge, 400)]
    public void Error_codes_map_to_http_statuses(string code, int status)
    {
        Assert.Equal(status, ProblemCodes.StatusOf(code));
    }

    [Theory]
    [InlineData(400, "invalid")]
    [InlineData(401, "unauthorized")]
    [InlineData(403, "forbidden")]
    [InlineData(404, "not_found")]
    [InlineData(405, "method_not_allowed")]
    [InlineData(409, "conflict")]
    [InlineData(413, "too_large")]
    [InlineData(415, "unsupported_media_type")]
    [InlineData(429, "too_many_requests")]
    [InlineData(500, "error")]
    [InlineData(503, "unavailable")]
    public void Every_http_error_status_has_a_code(int status, string code)
    {
        Assert.Equal(code, ProblemCodes.ForStatus(status));
    }

    [Fact]
    public void Input_over_a_limit_is_too_large_and_other_bad_input_invalid()
    {
        Assert.Equal(ErrorCodes.TooLarge, ErrorTranslation.ToClientError(InputException.TooLarge("text", "long"))!.Code);
        Assert.Equal(ErrorCodes.Invalid, ErrorTranslation.ToClientError(new InputException("text", "empty"))!.Code);
    }
}
