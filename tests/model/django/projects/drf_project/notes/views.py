from django.contrib.auth.models import User
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.response import Response
from rest_framework.views import APIView


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username"]


class NoteViewSet(viewsets.ViewSet):
    lookup_value_regex = "[0-9]+"

    def list(self, request):
        return Response([])

    def retrieve(self, request, pk=None):
        return Response({"id": pk})

    @action(detail=True, methods=["post", "delete"], permission_classes=[permissions.IsAuthenticated])
    def pin(self, request, pk=None):
        return Response({"pinned": pk})

    @action(detail=False, url_path="recent-notes")
    def recent(self, request):
        return Response([])


class UserViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = User.objects.all()
    serializer_class = UserSerializer
    permission_classes = [permissions.IsAdminUser]
    lookup_field = "username"

    @action(detail=True, permission_classes=[permissions.AllowAny])
    def avatar(self, request, username=None):
        return Response({"avatar": username})


@api_view(["GET", "POST"])
def ping(request):
    return Response({"pong": True})


class Me(APIView):
    permission_classes = [permissions.IsAuthenticated]

    def get(self, request):
        return Response({"user": request.user.username})
