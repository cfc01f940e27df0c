"""The front page and the article page with its comments."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from maoni.articles.models import Article
from maoni.comments import ownership, services
from maoni.comments.forms import CommentForm
from maoni.comments.models import Comment
from maoni.comments.views import asks_captcha


def front_page(request: HttpRequest) -> HttpResponse:
    articles = Article.objects.published().newest_first().select_related("thread")
    return render(request, "articles/front_page.html", {"articles": articles})


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(Article.objects.published().select_related("thread"), slug=slug)
    page = None
    policy = article.thread.policy()
    if article.shows_comments:
        comments = (
            Comment.objects.public()
            .for_thread(article.thread)
            .in_reading_order(policy.display)
            .select_related("user", "parent")
        )
        paginator = Paginator(
            comments, settings.MAONI_COMMENTS_PER_PAGE, allow_empty_first_page=True
        )
        # The kept count spares a COUNT(*) over the whole thread.
        paginator.count = article.thread.public_count
        try:
            page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger as error:
            raise Http404(_("There is no such page of comments.")) from error
        except EmptyPage as error:
            raise Http404(_("There is no such page of comments.")) from error
    form = challenge = None
    if article.takes_comments:
        form = CommentForm(
            registered=request.user.is_authenticated, contact=policy.anonymous_contact
        )
        if asks_captcha(request):
            challenge = services.challenge_issue()
    context = {
        "article": article,
        "page": page,
        "changeable": ownership.changeable_ids(request, list(page)) if page else set(),
        "form": form,
        "challenge": challenge,
        "policy": policy,
    }
    return render(request, "articles/detail.html", context)
