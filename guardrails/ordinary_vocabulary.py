"""Words of ordinary business text that name detectors mistake for people.

Used by :mod:`guardrails.person_evidence` to drop PERSON findings made only of such words. The
lists are general knowledge, not tuned to any dataset: well-known software, services and
companies; countries, regions and large cities (English and German names); nationalities
and languages; words that mark a place or facility; verbs that open a request ("Draft ...",
"Erstelle ...") and German verbs chat writes in lower case ("bitte setz mich auf CC"); and
cues that announce a person ("my colleague ...", "says ..."). A word that is also a common
first name ("Julia", "Ruby", "Travis", "Victoria") is left out of the product and place lists,
so a lone first name stays protected, unless the company is far more often meant than the
person ("Cassandra", "Mercedes", "Meta"). Admins add their own terms to the
policy's allow-list. Everything is stored case-folded.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.casefold().split())


#: Software, cloud services, products and companies (names that are also surnames included).
PRODUCTS_AND_COMPANIES = _words("""
    jenkins kafka jira confluence bitbucket trello grafana kibana prometheus loki tempo jaeger
    zipkin ansible terraform pulumi kubernetes k8s docker podman helm istio envoy linkerd consul
    nomad vault packer vagrant circleci gitlab github bamboo maven gradle npm yarn pnpm
    webpack vite spark flink hadoop hive presto trino airflow dagster prefect kedro dbt
    pandas numpy scipy pytorch tensorflow keras jupyter django flask fastapi rails laravel
    symfony spring hibernate angular react vue svelte nextjs nuxt node nodejs deno bun rust
    swift kotlin scala perl python java javascript typescript golang dart elixir erlang haskell
    clojure groovy cobol fortran matlab redis postgres postgresql mysql mariadb oracle mongodb
    cassandra couchbase dynamodb cosmos snowflake bigquery redshift databricks elasticsearch
    opensearch solr splunk datadog sentry dynatrace newrelic pagerduty opsgenie tableau looker
    qlik metabase superset powerbi notion asana figma canva slack zoom webex teams outlook
    excel powerpoint sharepoint onedrive azure entra intune windows linux ubuntu debian fedora
    centos alpine macos ios android chrome chromium safari firefox opera gemini copilot llama
    mistral falcon gpt chatgpt openai anthropic ollama vllm langchain huggingface qdrant
    pinecone weaviate milvus s3 ec2 eks ecs aks gke lambda cloudfront cloudwatch iam sqs sns
    kinesis fargate sagemaker bedrock
    siemens bosch porsche mercedes ford dell cisco tesla ferrari boeing airbus adobe apple
    amazon google alphabet meta microsoft nvidia intel amd ibm hp lenovo samsung sony philips
    nokia ericsson huawei volvo audi bmw volkswagen vw opel renault peugeot fiat toyota honda
    aldi lidl rewe edeka bayer basf merck henkel allianz munich-re kraft wise sage datev
    personio zalando lufthansa condor ryanair easyjet telekom vodafone telefonica o2 salesforce
    hubspot zendesk freshdesk servicenow workday successfactors sap s/4hana hana stripe adyen
    klarna paypal revolut n26 shopify magento wordpress drupal typo3 heroku vercel netlify
    cloudflare akamai fastly hetzner ionos strato dhl ups fedex hermes dpd atlassian accenture
    deloitte kpmg pwc capgemini mckinsey bain netflix spotify uber airbnb ebay alibaba tencent
    xing linkedin twitter facebook instagram whatsapp youtube tiktok wikipedia würth datadog
    postman insomnia swagger openapi sonar sonarqube sonarcloud pycharm intellij webstorm
    phpstorm goland clion xcode eclipse netbeans vscode artifactory nexus harbor argo argocd
    flux backstage rancher openshift nginx tomcat jetty haproxy traefik keycloak okta auth0
    mattermost discord threema loom calendly doodle lucidchart visio smartsheet clickup wrike
    airtable zapier gitea redmine mantis bugzilla youtrack teamcity octopus spinnaker selenium
    cypress playwright jest mocha pytest junit gatling jmeter locust wireshark putty winscp
    filezilla keepass bitwarden lastpass dashlane citrix vmware proxmox virtualbox jamf nagios
    zabbix icinga graylog logstash fluentd vector mimir cortex bugsnag rollbar mixpanel
    hotjar matomo optimizely contentful strapi sanity storybook chromatic supabase firebase
    hasura prisma sequelize alembic liquibase flyway celery rabbitmq activemq pulsar zeromq
    minio ceph portainer lens skaffold tilt kustomize crossplane velero trivy snyk dependabot
    checkmarx veracode qualys nessus tenable crowdstrike sophos kaspersky lexware navision
    forrester statista idc bcg daimler thyssenkrupp continental schaeffler boehringer
    fresenius heraeus miele vorwerk haribo beiersdorf trumpf festo kärcher stihl bertelsmann
    tchibo zeiss liebherr voith dräger sartorius knauf viessmann kuka krones wacker evonik
    lanxess covestro symrise qiagen infineon mahle benteler fielmann hornbach deichmann brenntag
    """)

#: Trades and ranks one speaks to as such ("mit dem Koch sprechen", "beim Richter"); the
#: surnames that are mostly surnames in an office (Müller, Wagner, Weber, Schneider,
#: Fischer, Bauer) are not among them
ROLES_SPOKEN_TO = _words("""
    koch bäcker metzger fleischer fahrer lehrer pfarrer gärtner kellner wirt schreiner
    tischler maurer pfleger förster jäger richter meister könig kaiser graf prinz herzog
    fürst bischof bruder schüler sänger händler kaufmann
    """)
#: Institutions an office talks to, some of them surnames in the name lists ("mit der
#: Steuer klären")
OFFICE_INSTITUTIONS = _words("""
    bank post bahn polizei stadt presse kasse steuer technik schule firma zentrale verwaltung
    leitung gemeinde kirche behörde agentur kanzlei praxis klinik apotheke versicherung
    """)

#: Products named like people ("Julia", "Claude", "Miro"), with the nouns that make a
#: compound of them ("Julia code", "Claude API", "Miro board", "Aurora cluster"): followed by
#: one of these the name is the product's; alone it stays a person's ("Julia ist krank").
PRODUCT_NAME_NOUNS: dict[str, frozenset[str]] = {
    "claude": _words("api model modell models prompt prompts chat account subscription"),
    "julia": _words("code script scripts package packages paket pakete repl notebook compiler"),
    "ruby": _words("code script scripts gem gems interpreter version"),
    "miro": _words("board boards whiteboard template vorlage"),
    "aurora": _words("cluster database datenbank db instance instanz"),
    "alexa": _words("skill skills app device gerät"),
    "hugo": _words("theme themes site website"),
    "travis": _words("ci build builds job jobs pipeline pipelines config"),
    "luigi": _words("pipeline pipelines task tasks workflow workflows scheduler"),
    "bert": _words("model modell models encoder embeddings tokenizer base large"),
    "ada": _words("code compiler program programm"),
}
#: Languages named like people, after the verb that says code is written in them ("written
#: in Julia", "in Ruby geschrieben")
LANGUAGE_NAMES = frozenset({"julia", "ruby", "ada"})

#: Words that end a company's or an institution's name ("Wolfram Research", "Acme Labs",
#: "Becker Systems", "Johns Hopkins University"): a name before one of them is the
#: organisation's, not a person's.
COMPANY_HEADS = _words("""
    research labs laboratories systems technologies solutions consulting consultants partners
    group holdings ventures capital studios software networks media foundation institute
    university college insurance logistics motors airlines pharma pharmaceuticals industries
    enterprises associates corporation company inc inc. ltd ltd. llc gmbh ag kg se plc corp
    corp. co. stiftung institut universität hochschule versicherung werke
    """)

#: Countries (every sovereign state, English and German names, except those that are also
#: first names or known surnames: Chad, Dominica, Georgia, Jordan, Kenia, Kuba, Mali, Monaco,
#: Montenegro, Palau, Trinidad),
#: regions and large cities.
PLACES = _words("""
    germany deutschland austria österreich switzerland schweiz france frankreich italy italien
    spain spanien portugal netherlands niederlande holland belgium belgien luxembourg luxemburg
    denmark dänemark sweden schweden norway norwegen finland finnland iceland island poland
    polen czechia tschechien slovakia slowakei hungary ungarn romania rumänien bulgaria
    bulgarien greece griechenland turkey türkei croatia kroatien slovenia slowenien serbia
    serbien ukraine russia russland ireland irland britain großbritannien england scotland
    schottland wales europe europa usa america amerika canada kanada mexico mexiko brazil
    brasilien argentina argentinien chile peru colombia kolumbien china japan korea india
    indien indonesia indonesien singapore singapur australia australien zealand egypt ägypten
    morocco marokko nigeria kenya israel emirates dubai qatar katar vietnam thailand malaysia
    philippines taiwan hongkong estonia estland latvia lettland lithuania litauen malta cyprus
    zypern
    afghanistan albania albanien algeria algerien andorra angola armenia armenien azerbaijan
    aserbaidschan bahamas bahrain bangladesh bangladesch barbados belarus weißrussland belize
    benin bhutan bolivia bolivien bosnia bosnien herzegovina herzegowina botswana botsuana brunei
    burundi cambodia kambodscha cameroon kamerun tschad comoros komoren congo kongo cuba
    djibouti dschibuti ecuador eritrea ethiopia äthiopien fiji fidschi gabon gabun
    gambia georgien ghana grenada guatemala guinea guyana haiti honduras iran iraq irak jamaica
    jamaika jordanien kazakhstan kasachstan kiribati kosovo kuwait kyrgyzstan kirgisistan laos
    lebanon libanon lesotho liberia libya libyen liechtenstein madagascar madagaskar malawi
    maldives malediven mauritania mauretanien mauritius micronesia mikronesien moldova
    moldau moldawien mongolia mongolei mozambique mosambik myanmar burma birma namibia nauru
    nepal nicaragua oman pakistan palestine palästina panama paraguay rwanda ruanda samoa
    senegal seychelles seychellen somalia sudan suriname syria syrien tajikistan tadschikistan
    tanzania tansania togo tonga tobago tunisia tunesien turkmenistan tuvalu uganda uruguay
    uzbekistan usbekistan vanuatu vatican vatikan venezuela yemen jemen zambia sambia zimbabwe
    simbabwe südafrika saudi arabia arabien lanka neuseeland nordkorea südkorea macedonia
    mazedonien nordmazedonien greenland grönland
    bavaria bayern baden-württemberg hessen hesse saxony sachsen thuringia thüringen brandenburg
    nordrhein-westfalen niedersachsen schleswig-holstein rheinland-pfalz saarland tirol tyrol
    ruhr rhineland silicon california texas florida
    berlin hamburg munich münchen cologne köln frankfurt stuttgart düsseldorf dortmund essen
    leipzig bremen dresden hannover hanover nuremberg nürnberg duisburg bochum wuppertal
    bielefeld bonn münster karlsruhe mannheim augsburg wiesbaden mainz kiel lübeck rostock
    freiburg heidelberg regensburg ulm würzburg erfurt jena magdeburg potsdam saarbrücken
    aachen darmstadt kassel braunschweig osnabrück oldenburg ingolstadt wolfsburg göttingen
    vienna wien graz linz salzburg innsbruck zurich zürich geneva genf basel bern lausanne
    lucerne luzern amsterdam rotterdam utrecht eindhoven brussels brüssel antwerp antwerpen
    paris lyon marseille toulouse nice strasbourg straßburg lille bordeaux london manchester
    birmingham liverpool leeds glasgow edinburgh bristol cambridge oxford dublin madrid
    barcelona valencia seville sevilla lisbon lissabon porto rome rom milan mailand naples
    neapel turin turin florence florenz venice venedig bologna copenhagen kopenhagen stockholm
    oslo helsinki reykjavik warsaw warschau krakow krakau prague prag bratislava budapest
    bucharest bukarest sofia athens athen istanbul ankara zagreb ljubljana belgrade belgrad
    kyiv kiew moscow moskau tallinn riga vilnius luxembourg valletta new york boston chicago
    seattle denver atlanta miami dallas houston toronto vancouver montreal tokyo osaka seoul
    beijing peking shanghai shenzhen mumbai bangalore delhi sydney melbourne auckland
    johannesburg cairo kairo nairobi lagos doha abu dhabi tel aviv bangkok jakarta manila
    heathrow schiphol gatwick
    """)

#: Nationalities and languages, English and German.
NATIONALITIES = _words("""
    german english french spanish italian dutch polish turkish swiss austrian american
    british european chinese japanese korean indian russian portuguese danish swedish
    norwegian finnish greek czech hungarian romanian croatian ukrainian irish scottish
    canadian mexican brazilian australian arabic hebrew latin
    deutsch deutsche deutschen englisch französisch spanisch italienisch niederländisch
    polnisch türkisch schweizer österreichisch amerikanisch britisch europäisch chinesisch
    japanisch russisch
    """)

#: Words that make a phrase a place or a facility ("Canary Wharf", "Zalando Lounge").
PLACE_WORDS = _words("""
    lake mount port cape bay river valley island islands mountain mountains hill hills park
    square street road avenue lane bridge tower station airport hall center centre campus
    garden gardens plaza market wharf harbour harbor dock quay lounge shop store mall cloud
    studio suite hub arena stadium museum gallery hotel
    see berg burg dorf stadt platz straße strasse weg allee ring markt hafen bahnhof flughafen
    insel tal
    """)

#: Words right before a name that make it a place ("Lake Constance", "Bad Tölz", "St. Gallen"),
#: German words for a company's sites among them ("Standort Bottrop", "Werk Hagen",
#: "Niederlassung Jena"; not "Büro", since "Büro Müller" is someone's office).
PLACE_HEADS = _words("""
    lake mount mt. port cape bad sankt st. fort bay city lago
    standort standorts niederlassung filiale zweigstelle werk werks hauptsitz firmensitz
    rechenzentrum lager produktionsstandort vertriebsstandort
    """)

#: Verbs that open a request; at the start of a sentence they are not a first name.
REQUEST_VERBS = _words("""
    draft write rewrite summarize summarise explain create compare translate list describe
    generate plan schedule remind calculate convert estimate outline prioritize prioritise
    suggest recommend proofread make give show tell find check review update send add remove
    set configure install help define analyze analyse format sort rank split merge shorten
    improve fix debug refactor design build deploy migrate evaluate assess draft prepare
    organize organise turn correct shorten expand name search rephrase paraphrase edit answer
    research brainstorm implement test delete rename book teach guide
    schreibe schreib erstelle erkläre erklär fasse formuliere übersetze vergleiche plane
    berechne rechne liste nenne beschreibe empfiehl schlage erinnere entwirf korrigiere
    kürze prüfe gib zeige mach mache sortiere priorisiere skizziere schätze teile hilf helft
    finde such suche sag sage zähle recherchiere analysiere bewerte optimiere verbessere
    überarbeite kommentiere ergänze definiere beantworte erzähl erzähle erzeuge generiere
    gestalte baue bau konvertiere wandle überprüfe kontrolliere strukturiere gliedere ordne
    schick sende entwickle programmiere implementiere teste exportiere importiere lies denk
    überlege stelle stell erstell organisiere buche reserviere formatiere zitiere
    paraphrasiere markiere unterstreiche lösche ändere aktualisiere wünsch wünsche zeig frag
    frage bring bringe erinner ruf rufe
    """)

#: Function words and sentence adverbs of English and German (conjunctions, prepositions,
#: pronouns, determiners, "however", "jedoch", "sogar", "meistens"). Capitalised only because
#: they open a sentence, they are what a tagger most often mistakes for a lone name ("Sogar
#: der Trainer war zufrieden", "Frankly the team ..."). Grammar, not data: the list is the
#: closed word classes of both languages and their common discourse adverbs, without the
#: particles of names ("von", "zur": "von Brücke" is a name).
FUNCTION_WORDS = _words("""
    however meanwhile nevertheless nonetheless moreover furthermore therefore thus hence
    otherwise instead besides also still already yet again perhaps maybe probably possibly
    certainly surely obviously apparently clearly evidently unfortunately fortunately luckily
    sadly hopefully honestly frankly actually basically generally usually typically normally
    often sometimes occasionally rarely seldom never always finally eventually initially
    originally afterwards afterward later earlier recently currently previously today
    tomorrow yesterday tonight here there now then anyway anyhow indeed although though
    because since unless until till while whilst whereas whether if when whenever where
    wherever why how what whatever which whichever who whoever whom whose this that these
    those every each both either neither none nothing something anything everything someone
    somebody anyone anybody everyone everybody nobody somehow somewhere anywhere everywhere
    nowhere elsewhere overall altogether likewise similarly conversely consequently
    accordingly regardless notably especially particularly mostly mainly largely nearly
    almost hardly barely scarcely quite rather fairly pretty very too enough even only just
    simply merely additionally alternatively ultimately essentially admittedly interestingly
    surprisingly importantly specifically namely and but or nor so after before during
    within without about above below across against along among around behind beneath
    beside between beyond despite from inside into near onto outside over past through
    throughout toward towards under underneath unlike upon via with we you they he she it
    me us them my our your their his her its mine ours yours theirs all any some many much
    more most few fewer less least several such other another same not yes okay please sorry
    sogar jedoch trotzdem außerdem dennoch allerdings zudem deshalb deswegen daher darum
    inzwischen mittlerweile immerhin leider übrigens damit dabei danach davor dazu dadurch
    dafür dagegen darauf daraus darin darüber darunter davon dahin daneben dazwischen gestern
    heute morgen übermorgen vorgestern anschließend vielleicht ebenso ebenfalls genauso
    gleichfalls hingegen stattdessen ohnehin sowieso anders somit folglich demnach
    demzufolge zunächst später früher bisher seitdem seither schließlich endlich zuletzt
    zuerst nämlich etwa rund fast beinahe kaum ganz sehr meist meistens selbst gleichzeitig
    ferner weiterhin jedenfalls offenbar offensichtlich wahrscheinlich vermutlich natürlich
    tatsächlich wirklich eigentlich hierbei hierzu hierfür hiermit hier dort jetzt nun dann
    erst auch nur immer nie niemals oft häufig manchmal zwar sonst also doch bereits schon
    noch insbesondere besonders aber denn sondern weil wenn obwohl obgleich während nachdem
    bevor ehe seit bis als ob dass sobald solange falls sofern soweit indem trotz wegen mit
    nach bei aus für gegen ohne um durch über unter vor hinter neben zwischen auf im am
    beim ins laut gemäß dank statt anstatt innerhalb außerhalb oberhalb unterhalb entlang gegenüber dies diese dieser dieses diesem diesen jene jener jenes alle
    allen aller viele vielen einige einigen manche mancher jeder jede jedes jedem jeden kein
    keine keiner keinen nichts etwas beide beiden solche solcher ich du er sie es wir ihr
    man mein meine dein deine sein seine unser unsere euer eure ihre wer wen wem wessen was
    wie wo wann warum weshalb wieso woher wohin welche welcher welches ja nein bitte danke
    gerne genau stimmt klar
    """)

#: Interjections and answer words that open a chat message ("Alright, ...", "Naja, ...",
#: "Nope", "Klasse, dann ..."): as closed a class as the function words, and as often read
#: as a lone name by a tagger.
INTERJECTIONS = _words("""
    alright okay ok sure great cool nope yep yeah yes no hmm hm well oh ah wow right fine
    perfect awesome cheers thx
    super prima klasse toll gut okay na ach tja naja jo jep nö nee genau richtig perfekt ja
    nein äh ähm
    """)

#: Auxiliary, modal and common full verbs that open a German yes/no question ("Gilt das
#: auch ...?", "Müssen wir ...?", "Gehört das ...?").
QUESTION_VERBS = _words("""
    ist sind bin bist seid war waren wäre wären hat haben hast habt hatte hatten hätte hätten
    wird werden wirst werdet wurde wurden würde würden kann können kannst könnt konnte
    konnten könnte könnten muss müssen musst müsst musste mussten müsste müssten darf dürfen
    darfst dürft durfte durften dürfte dürften soll sollen sollst sollt sollte sollten will
    wollen willst wollt wollte wollten mag mögen magst möchte möchten möchtest gilt gelten
    gibt geben geht gehen gehört gehören braucht brauchen reicht reichen klappt klappen
    passt passen läuft laufen kommt kommen funktioniert funktionieren zählt zählen bleibt
    bleiben weiß wissen kennt kennen heißt bedeutet lohnt kostet dauert
    """)

#: Every word that, opening a sentence, is no name (see ``PersonEvidence.is_opening_word``).
OPENING_WORDS = FUNCTION_WORDS | INTERJECTIONS | QUESTION_VERBS


#: German verbs as chat writes them in lower case mid-sentence, mostly the short imperative
#: ("bitte setz mich auf CC", "schick mir ...", "ruf mich an"): ordinary even when a tagger is
#: sure of a name, unless the word is also a known first or last name ("koch" may be Koch).
LOWERCASE_VERBS = _words("""
    setz setze mach mache ruf rufe schick schicke schreib schreibe leg lege zeig zeige bring
    bringe frag frage sag sage guck gucke schau schaue lies nimm gib hol hole lass such suche
    prüf prüfe meld melde sende trag trage stell stelle buch buche änder ändere lösch lösche
    öffne kopier kopiere speicher speichere druck drucke lad lade teil füg füge nenn denk
    hilf sieh komm geh fahr lern antworte erinner vergiss bestell bestelle überweis kläre
    kümmer unterschreib beantworte formulier übersetz korrigier erklär fass vergleich erstell
    berechne sortier leite leit plane
    """)

#: Words that make up the names of a company's departments and teams ("Finance", "Customer
#: Success", "Buchhaltung"): after a name ("Priya from Finance", "Lena Vogel aus Vertrieb")
#: they say where someone works, not where they come from.
DEPARTMENT_WORDS = _words("""
    finance finances accounting accounts controlling legal compliance marketing sales
    procurement purchasing engineering development research product products design
    operations ops logistics support service services customer customers success hr human
    resources people talent recruiting recruitment payroll treasury tax audit internal risk
    security facilities administration admin management executive board strategy
    communications comms relations public investor quality assurance qa production
    manufacturing supply chain infrastructure platform data analytics science business
    intelligence devops helpdesk corporate partnerships training learning it team teams
    office department division unit
    vertrieb einkauf buchhaltung finanzen finanzabteilung personal personalabteilung
    personalwesen recht rechtsabteilung entwicklung forschung produktion logistik
    kundenservice kundendienst geschäftsführung vorstand revision qualitätssicherung
    qualitätsmanagement verwaltung empfang sekretariat steuerabteilung lohnbuchhaltung
    einkaufsabteilung vertriebsabteilung technik instandhaltung konstruktion
    """)

#: Words that address a group, not one person: what chat tools let one @-mention besides people
#: ("@channel", "@here", "@alle"), a header's copy line ("Cc: All Staff") or a closing's
#: signature ("Cheers, Team") may name instead of someone.
GROUP_ADDRESSES = _words("""
    here channel everyone everybody all alle team teams group groups room admins moderators
    staff folks guys leute zusammen kollegen kolleginnen
    """)

#: Holidays and observances, German and English, one per line: a name inside one is no
#: person ("Valentine's Day", "St. Patrick's Day", "Corpus Christi"), and holidays the tagger
#: reads as names on their own ("Fronleichnam", "Diwali") are ordinary. Apostrophes are
#: optional when matched, "St." also matches "St"; "Silvester" (also a first name) is left out.
HOLIDAYS = tuple(
    line.strip().lower()
    for line in """
    Neujahr
    Neujahrstag
    Heilige Drei Könige
    Dreikönigstag
    Weiberfastnacht
    Rosenmontag
    Faschingsdienstag
    Fastnacht
    Fasching
    Karneval
    Aschermittwoch
    Gründonnerstag
    Karfreitag
    Karsamstag
    Ostern
    Ostersonntag
    Ostermontag
    Tag der Arbeit
    Maifeiertag
    Christi Himmelfahrt
    Pfingsten
    Pfingstsonntag
    Pfingstmontag
    Fronleichnam
    Mariä Himmelfahrt
    Tag der Deutschen Einheit
    Reformationstag
    Allerheiligen
    Allerseelen
    Martinstag
    Sankt Martin
    Buß- und Bettag
    Volkstrauertag
    Totensonntag
    Nikolaustag
    Heiligabend
    Heiliger Abend
    Weihnachten
    Weihnachtsfeiertag
    New Year's Day
    New Year's Eve
    Martin Luther King Day
    Martin Luther King Jr. Day
    MLK Day
    Presidents' Day
    Valentine's Day
    St. Valentine's Day
    St. Patrick's Day
    Saint Patrick's Day
    Mardi Gras
    Ash Wednesday
    Maundy Thursday
    Good Friday
    Holy Saturday
    Easter
    Easter Sunday
    Easter Monday
    Whit Monday
    Whitsun
    Pentecost
    Ascension Day
    Corpus Christi
    Memorial Day
    Juneteenth
    Independence Day
    Labor Day
    Labour Day
    Columbus Day
    Indigenous Peoples' Day
    Halloween
    All Saints' Day
    All Souls' Day
    Veterans Day
    Remembrance Day
    Thanksgiving
    Black Friday
    Cyber Monday
    Christmas
    Christmas Eve
    Christmas Day
    Boxing Day
    Hanukkah
    Chanukah
    Diwali
    Holi
    Ramadan
    Eid
    Eid al-Fitr
    Eid al-Adha
    Passover
    Pesach
    Yom Kippur
    Rosh Hashanah
    Lunar New Year
    Chinese New Year
    Nowruz
    Vesak
    """.strip().splitlines()
)

#: Nouns that a surname in the possessive makes a concept named after someone ("Murphy's law",
#: "Porter's five forces", "Occam's razor", "Maslows Bedürfnispyramide"), no person in the
#: conversation. Not nouns a person's own would fit ("Anna's constant ...", "Peter's dilemma").
EPONYM_HEADS = _words("""
    law laws theorem razor paradox conjecture lemma principle equation hierarchy forces
    pyramid fallacy
    gesetz gesetze prinzip paradoxon rasiermesser bedürfnispyramide pyramide gleichung
    vermutung
    """)

#: Nouns that make a name right before them (no possessive) a method, measure or result named
#: after someone ("the Monte Carlo method", "Kaplan-Meier estimator", "Gantt chart", "Nash
#: equilibrium", "Monte-Carlo-Simulation", "Pareto-Prinzip"), no person in the conversation.
#: Not nouns that follow a colleague's name as often ("test", "model", "problem", "team").
EPONYM_COMPOUND_HEADS = _words("""
    method methods algorithm algorithms technique simulation simulations distribution
    coefficient correlation transform transformation filter chain equilibrium estimator
    matrix diagram chart curve cycle effect distance ratio inequality integral criterion
    heuristic theorem principle lemma conjecture paradox
    methode verfahren algorithmus simulation verteilung koeffizient korrelation
    transformation kette gleichgewicht diagramm kurve zyklus effekt prinzip theorem
    ungleichung
    """)

#: A mail header's field names, by what their line holds: the sender and recipients (people
#: in a mail, places in travel plans), the copies (people) and the rest (a mail's date and
#: subject). At a line's start before a colon they are labels, never a name ("Sent: Tuesday").
MAIL_PARTY_FIELDS = _words("from to von an absender empfänger sender recipient recipients")
MAIL_COPY_FIELDS = _words("cc bcc cc/bcc kopie")
MAIL_OTHER_FIELDS = _words("sent gesendet date datum subject betreff")
#: Fields of minutes, tickets and forms whose entries are people ("Assignee: Przybylski",
#: "Protokollant: Okonjo", "Teilnehmer: Schröder, Kalinowski"), one per line.
ROLE_FIELDS = frozenset(
    line.strip()
    for line in """
    assignee
    assigned to
    owner
    reviewer
    reviewers
    reporter
    author
    approved by
    requested by
    created by
    attendees
    participants
    contact person
    autor
    autorin
    verantwortlich
    zuständig
    protokoll
    protokollant
    protokollantin
    teilnehmer
    teilnehmende
    ansprechpartner
    ansprechpartnerin
    kontaktperson
    bearbeiter
    bearbeiterin
    sachbearbeiter
    sachbearbeiterin
    erstellt von
    genehmigt von
    """.strip().splitlines()
)
#: Words where a person's name would stand in such a field, naming no one.
NOBODY = _words("unassigned nobody none tbd tba n/a niemand offen keiner keine")
MAIL_FIELDS = MAIL_PARTY_FIELDS | MAIL_COPY_FIELDS | MAIL_OTHER_FIELDS
#: property names of contact cards (vCard) and calendars (iCalendar), which those files write
#: in capitals at the start of a line ("ORGANIZER;CN=...", "ATTENDEE:mailto:...", "FN:")
CARD_PROPERTIES = _words("""
    begin end version prodid method summary description organizer attendee location contact
    dtstart dtend dtstamp due duration uid rrule exdate status categories class transp
    sequence created last-modified priority url fn n nickname tel email adr label org title
    role bday anniversary gender note photo geo tz rev kind impp related member lang source
""")

#: Words before a name that announce a person (besides titles and salutations).
PERSON_CUES = _words("""
    named name called call calls says said asks asked told wrote writes according colleague
    colleagues manager boss customer client contact ceo cto cfo cc bcc
    heißt namens name sagt sagte schreibt schrieb fragt fragte kollege kollegin chef chefin
    kunde kundin ansprechpartner ansprechpartnerin
    """)

#: Titles and salutations; a word after one of them is a person (also in two-word form).
SALUTATIONS = _words("""
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir madam dear hi hello hey thanks
    herr herrn frau hr. fr. liebe lieber hallo moin servus geehrte geehrter dipl.-ing. mag.
    """)

#: First names from the less common locales of the name lists that are everyday German or
#: English words ("Tage", "Per", "Job"): ordinary unless a title or cue announces a person.
#: Found as (name lists minus the common locales) x (Debian word lists; "server" by hand, the
#: installed list lacks it; "edit", a Hungarian name, by hand as a request's verb, "naja" as
#: the German interjection); real names that are also words in the common locales ("Max",
#: "Frank", "Rose") are not here.
WORD_LIKE_FIRST_NAMES = _words("""
    albino ale aura bent bitten coral corona feline floor gala gun gunner henna jet job junior
    kick lone lot love mar mare mart mate nova owe pastor paw per puck roan rune rut saga sine
    sol ties tilde tine tor tore anders arie bart davor dom edel eimer einer helle jure lasse
    laust linde lupe pelle reine ritt sture tage
    alberte alpin antun bergen beste dick fidel fügen gabel kasper kenter server edit naja
    """)

#: Nouns a request puts right after the person it addresses ("Sag Anna Bescheid", "Gib Lena
#: Feedback", "Zeig Tom Beispiele"): never the end of that person's name. Nouns that are also
#: surnames ("Glück", "Recht", "Link", "Gruß") are left out; with an article they are an
#: object anyway ("Sag Anna einen Gruß").
OBJECT_NOUNS = _words("""
    bescheid danke dankeschön feedback rückmeldung zugriff zugang hallo info infos tipp tipps
    grüße zeit beispiele notizen details unterlagen daten zahlen dokumente ideen
    vorschläge links rechte fragen antworten
    """)

#: German nouns for a person by trade, rank or origin that are also common surnames: after an
#: article they name the role ("Der Koch ist krank", "Der Richter hat gefragt"), not the
#: person (:mod:`guardrails.recognizers.subject_names`; the tagger still reads "Der Müller
#: hat angerufen" in context).
ROLE_NOUN_SURNAMES = _words("""
    bauer bäcker bischof bruder bürger fahrer fischer fleischer förster fürst glaser graf
    gärtner hacker händler held herzog hirte jäger kaiser kaufmann kellner killer knecht koch
    könig lehrer macher maurer meister metzger müller pfarrer pfleger prinz reiter richter
    ritter schlosser schmied schneider schreiber schreiner schumacher schuster schäfer schüler
    seiler sänger taucher tischler trommler vogt wagner weber wirt wächter zimmermann
    bayer berner prager römer schweizer engel
    """)

#: Names of office meetings and rituals the tagger reads as people ("Einladung: Jour fixe
#: Vertrieb" went out as "[PERSON_1] fixe").
OFFICE_TERMS = _words("""
    jour fixe jourfixe standup stand-up kickoff kick-off townhall town-hall offsite brownbag
    retro retrospektive daily weekly
    """)

#: Articles: an unknown single word right after one names a thing ("near the Messe").
ARTICLES = _words("the a an der die das dem den des ein eine einem einen einer eines")

#: Names of the English name lists that are also lower-case English words ("bill", "grace",
#: "smith", "will"): a lower-case word from this list does not make a sentence worth reading
#: for names (:mod:`guardrails.ner_segments`). Found as (Faker first and last names of the
#: English locales) x (Debian's wamerican + wbritish word lists, lower-case entries); the last
#: line: the words among :data:`SHORT_FIRST_NAMES`.
DICTIONARY_WORD_NAMES = _words("""
    abate albino ale aline amber amir angel ani ante archer arenas aria arias arroyo arts
    asp auger august aura autumn backer baker bale ball ban banks baptist barber barker
    baron barrio barrios bass bassi basso bates bean beard beau beck beer bell bender bent
    berg berry best bigot bilge bill billy birch bird bishop bitten black blanch blot bob
    bobby bodkin boles bond boner bones bonnet bonnie booth bourgeois bowers bowler bowman
    brad branch brands brandy bravo bray brewer brick bridge bridges bright brink brogan
    brooks brown browning brunet buck bud bull bullock burns burrows bush butcher butler
    butte cairn cairns cal camps canal canals canning cannon canny cant car carmine carol
    carpenter carry carton case cases chad chamberlain chambers chandler chase cherry church
    clay clear cocci colas colleen collier colon comas combs comer company convey cook
    cooper coral cord corona corral cotter courtier cousin cousins cox crane craven creed
    cross cruise crystal curry curt daisy dale dam davenport dawn day deacon dean derrick
    destiny diamond dick dickey dickie dieter dirk divan diver divine doe don downing downs
    drake drew dries drub drum duff duke dunning dyer earl early ebony edit else emir emo
    ester eve fair faith fall fanning fanny farina farmer fee feline fem ferry field
    fielding fields finch fisher flood floor flora flowers font ford foster fox frank freely
    freeman french fresh frisk frost fry fuller gala gamble garland garner garret garrison
    gates gay gene gentry gibbon gibbons gill glass glasses glazier glen golden good grace
    grant graves gray green grey griffin grimes grit gross gun gunner gunning guy hale hall
    hardy hare haring harm harry hart hasty hawthorn hays hazel hearty heath heather hector
    henna heron herring hickey hicks hill hoes hogan holder holly honing hood hope horn
    house huff hull hunt hunter iris ivory ivy jack jade jasmine jasper jay jet jimmy job
    john johns josh joy judge junior junk ken key khan kick kidney killer king knight lacy
    lam lamas lamb lance lane law lawless laze lea leach lee leech lees levy lily line lips
    little llamas llano llanos lone long looney lope lopes lord lore lot love lucid luster
    lynch mace madden madrigal mads mallet manning mans mar mare margarita maria marina
    marine mark marks marry marsh mart marten martens martin martins mas mason mate mats
    matts max maxim may mayo mayoral meadows meg melody merino merry mesa meta mike mile
    miles miller millet mills miner misty moan moles moll monk monks moody moon morrow moss
    mountain nacho nary newton nick noble noel north nova owe pace page pages palazzo palm
    palomino parent park parks parry parsons pastor patty paw peacock peck peer penny per
    peter peters petty phoebe pier pierce pinto plaza plover pol polo pope porter post
    potter potters pottier power powers price prince proctor puck quill rafter rails randy
    raven ray read real reed reeves rice rich rick riddle ridge ring rivers roach roan robin
    rock roe roger rogers roman room rose rosemary ruddy rune rush rust rut saga sager said
    salami sales sally salmon salvo sander sanders sandy sans sari savage savannah sawyer
    scullion sears sellers senna serge server seven sever sexton shah sharp shepherd sherry
    shields shine short sierra silk sims sine singleton sire sitters small smart smit smith
    snow sol sole sonny soprano sparks spears spies stack stark steed stein steward stokes
    stone storey storm story stout strand strong sue summer summers supple swift swords tan
    tanner tea terry thatcher ties tilde till tine tins tom toms toner tony tor tore torrent
    torrents toy tron troy tucker turner urban valentine vial victor victory vigil villa
    viola wade walker wall walls ward ware warmer warren waters watts weaver weeks weir
    welch wells west wheeler white winter winters wise wolf wolfram wood woods wren wright
    young
    will hope matt rob pat ted
    """)

#: English short forms of first names that the Faker lists lack ("Will", "Matt", "Liz"): names
#: only where a request is addressed to them ("Ask Will to ...";
#: :mod:`guardrails.recognizers.lowercase_names`), and those that are also words (will, hope,
#: matt, rob, pat, ted) are in :data:`DICTIONARY_WORD_NAMES`, so "and hope" stays a word.
SHORT_FIRST_NAMES = _words("will hope matt rob liz jen pat ted jess phil nate")
