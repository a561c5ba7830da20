package org.minqing.kit.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every error leaves the service as {@code application/problem+json}, in Chinese and English,
 * naming the offending fields; nothing else (no stack trace, no framework page) ever does.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean returnValue = false;
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            returnValue |= isReturnValue(v.getPropertyPath());
            errors.add(BilingualMessages.of(fieldName(v.getPropertyPath()), v));
        }
        if (returnValue) {
            // Our own output failed validation: a bug on our side, not the caller's.
            return unexpected(e, uri);
        }
        errors.sort(java.util.Comparator.comparing(Problem.FieldError::field));
        return respond(ProblemException.validation(errors).problem(), uri);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? jsonPath(m) : null;
        Problem p;
        if (field != null && !field.isEmpty()) {
            p = Problem.of("validation", 400, "请求数据无效", "Invalid request data",
                    "字段类型或取值不正确", "a field has the wrong type or value",
                    List.of(Problem.FieldError.of(field, "类型或取值不正确", "has the wrong type or value")));
        } else {
            p = Problem.of("malformed-body", 400, "请求体格式错误", "Malformed request body",
                    "请求体不是有效的 UTF-8 JSON", "the request body is not valid UTF-8 JSON", null);
        }
        return respond(p, uri);
    }

    /** Registered by name too, so it wins over Quarkus' own mapper for this exception. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response unparsable(JsonParseException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return respond(unauthenticated(), uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return respond(unauthenticated(), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of("forbidden", 403, "无权操作", "Forbidden",
                "您的角色无权执行此操作", "your role may not do this", null), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Problem p;
        if (e instanceof NotFoundException) {
            p = Problem.of("not-found", 404, "未找到", "Not found", "没有这个地址或资源", "no such resource", null);
        } else if (e instanceof NotAllowedException) {
            p = Problem.of("method-not-allowed", 405, "不支持该请求方法", "Method not allowed", null, null, null);
        } else if (e instanceof NotSupportedException) {
            p = Problem.of("unsupported-media-type", 415, "不支持的内容类型", "Unsupported media type",
                    "请以 application/json 提交", "send application/json", null);
        } else if (e instanceof NotAcceptableException) {
            p = Problem.of("not-acceptable", 406, "无法提供所要求的格式", "Not acceptable", null, null, null);
        } else if (status == 401) {
            p = unauthenticated();
        } else if (status == 413) {
            p = Problem.of("payload-too-large", 413, "请求体过大", "Payload too large", null, null, null);
        } else {
            p = Problem.of("bad-request", status, "请求无效", "Bad request", null, null, null);
        }
        return respond(p, uri);
    }

    /**
     * L12: a stored ciphertext that is not this row's (copied from another row or column, altered).
     * Nothing read from it is answered; the log names the field, never its content.
     */
    @ServerExceptionMapper
    public Response unreadable(org.minqing.kit.crypto.UnreadableValueException e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf("stored personal data unreadable %s on %s: %s", errorId, uri == null ? "?" : uri.getPath(), e.getMessage());
        return respond(Problem.of("stored-data-unreadable", 500, "存储的个人信息无法读取", "Stored personal data cannot be read",
                "该记录的加密数据与其所在行不符或已被改动，请联系运维；错误编号 " + errorId,
                "the record's encrypted data does not belong to it or was altered; contact operations; error id " + errorId,
                null), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s on %s", errorId, uri == null ? "?" : uri.getPath());
        return respond(Problem.of("internal", 500, "服务器内部错误", "Internal server error",
                "请稍后再试；错误编号 " + errorId, "please try again later; error id " + errorId, null), uri);
    }

    static Response respond(Problem problem, UriInfo uri) {
        Problem p = uri == null ? problem : problem.withInstance(uri.getPath());
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    private static Problem unauthenticated() {
        return Problem.of("unauthenticated", 401, "未登录或登录已失效", "Not authenticated",
                "请先通过统一身份认证登录", "sign in through single sign-on first", null);
    }

    /** "create.request.visitors[0].phone" → "visitors[0].phone"; a bare parameter keeps its name. */
    static String fieldName(Path path) {
        StringBuilder sb = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getIndex() != null && sb.length() > 0) {
                sb.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && kind != ElementKind.CONTAINER_ELEMENT) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(node.getName());
            }
        }
        if (sb.length() == 0) {
            return parameter == null ? "body" : parameter;
        }
        return sb.toString();
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
