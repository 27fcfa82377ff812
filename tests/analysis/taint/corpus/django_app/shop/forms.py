from django import forms
from django.utils.http import url_has_allowed_host_and_scheme


class D22SearchForm(forms.Form):
    # d22: a CharField holds any text the client sends.
    query = forms.CharField()


class D23PageForm(forms.Form):
    # d23: an IntegerField's cleaned value is an int.
    page = forms.IntegerField()


class D39NextForm(forms.Form):
    # d39: the field is checked by the form's own clean_<field>().
    next = forms.CharField()

    def clean_next(self):
        target = self.cleaned_data["next"]
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={"shop.example.com"}):
            return "/"
        return target


class D40NextForm(forms.Form):
    # d40: the same field without a check.
    next = forms.CharField()
