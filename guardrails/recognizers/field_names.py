"""The names of fields and table columns that hold personal data, folded the way
:func:`guardrails.recognizers.fields.folded_field` folds them (lower case, without spaces,
"_" or "-": "lastName", "Last name", "last_name" -> "lastname"). Shared by the recognizers
that read records (:mod:`guardrails.recognizers.name_fields`,
:mod:`guardrails.recognizers.record_fields`), the field reader (a table starts at a header
naming one of them) and the ordinary-term check (a name field's name is no person). German
and English; general knowledge, not tuned to any dataset.
"""

from __future__ import annotations


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: a name part: the value is a person's (name)
NAME_PART_FIELDS = _names("""
    firstname givenname forename lastname surname familyname middlename fullname displayname
    maidenname birthname vorname vornamen nachname familienname geburtsname rufname
    contactname customername employeename
""")
#: may hold a person, or a product, a team, a company
MAYBE_PERSON_FIELDS = _names("""
    name names author assignee reporter owner contact customer client employee person
    requester requestor createdby modifiedby updatedby approver manager recipient sender
    mitarbeiter mitarbeiterin mitarbeitende kollege kollegin kunde kundin ansprechpartner
    ansprechpartnerin teilnehmer teilnehmerin bearbeiter bearbeiterin verantwortlich
    empfänger absender vertreter vertreterin cn commonname
""")
#: a personnel number
EMPLOYEE_ID_FIELDS = _names("""
    personalnummer personalnr persnr persnummer mitarbeiternummer mitarbeiternr
    mitarbeiterid employeeid employeenumber employeeno empid empno staffid staffnumber
    staffno payrollid payrollnumber badgeid badgenumber personnelnumber personnelid
""")
#: a customer's, contract's, member's or student's number
CUSTOMER_ID_FIELDS = _names("""
    kundennummer kundennr kdnr kundenid customerid customernumber customerno clientid
    clientnumber vertragsnummer vertragsnr contractnumber contractid policynumber policyno
    policenummer versicherungsscheinnummer mitgliedsnummer mitgliedsnr memberid
    membernumber membershipnumber matrikelnummer matrikelnr studentid studentnumber
""")
#: a date of birth
BIRTH_DATE_FIELDS = _names("""
    geburtsdatum gebdatum gebdat geburtstag dob dateofbirth birthdate birthday bday
""")
#: a home town, personal in any record
HOME_PLACE_FIELDS = _names("""
    wohnort wohnsitz heimatort geburtsort birthplace placeofbirth hometown residence
    cityofresidence
""")
#: a town, personal in a record that names a person
TOWN_FIELDS = _names("ort stadt city town")
#: a contact card's (vCard) structured postal address: ``ADR;TYPE=HOME:;;street;town;...``
ADDRESS_FIELDS = _names("adr")
#: every field name above
PERSONAL_FIELDS = (
    NAME_PART_FIELDS | MAYBE_PERSON_FIELDS | EMPLOYEE_ID_FIELDS | CUSTOMER_ID_FIELDS
    | BIRTH_DATE_FIELDS | HOME_PLACE_FIELDS | TOWN_FIELDS | ADDRESS_FIELDS
)
