"""The phrase banks synthetic records are made from: invented places, services, themes and words.

Nothing here comes from real people. The text holds no e-mail addresses, phone numbers,
postcodes, NHS numbers or dates of birth, so a synthetic corpus passes the personal-data
guard by design.
"""

from __future__ import annotations

AREAS = [
    ("Northmere and Dunstow", "northmere-dunstow"),
    ("Calderbrook and the Fells", "calderbrook-fells"),
    ("Ashcombe Vale", "ashcombe-vale"),
    ("Merrowfield and Tarnley", "merrowfield-tarnley"),
    ("Brackenmoor", "brackenmoor"),
]

PLACES = [
    "Northmere town", "Dunstow", "Kelby Marsh", "Oldharbour", "Wrenford", "Saltcote",
    "Hollins Green", "Brackley Edge", "Eastwick", "Tarnley", "Fellside villages", "Mossbridge",
    "Pennock", "Lowther Bay", "Ravensholme", "Stainby", "Coldwater", "Ashby Cross",
]

TOPICS: dict[str, tuple[str, list[str]]] = {
    "mental-health": ("Mental health", ["talking therapies", "the crisis line", "community mental health teams", "the crisis cafe"]),
    "maternity": ("Maternity and neonatal care", ["scan appointments", "antenatal classes", "the birth centre", "postnatal support"]),
    "gp-access": ("GP and primary care access", ["GP appointments", "the practice phone line", "online consultations", "home visits"]),
    "urgent-care": ("Urgent and emergency care", ["the urgent treatment centre", "the minor injuries unit", "NHS 111", "A&E"]),
    "childrens-services": ("Children and young people's services", ["speech and language therapy", "CAMHS", "school nursing", "children's community nursing"]),
    "community-services": ("Community health services", ["district nursing", "community physiotherapy", "podiatry", "the falls service"]),
    "cancer": ("Cancer care and screening", ["bowel screening", "breast screening", "cervical screening", "the cancer support centre"]),
    "pharmacy": ("Pharmacy and medicines", ["community pharmacies", "repeat prescriptions", "Pharmacy First", "medicines reviews"]),
    "learning-disability": ("Learning disability and autism", ["annual health checks", "autism assessment", "easy read letters", "the learning disability nursing team"]),
    "dementia": ("Dementia", ["memory assessment", "dementia cafes", "dementia advisers", "respite care"]),
    "stroke": ("Stroke care", ["stroke rehabilitation", "the stroke unit", "early supported discharge", "stroke clubs"]),
    "patient-transport": ("Patient transport", ["non-emergency patient transport", "hospital shuttle buses", "the community car scheme", "transport booking"]),
    "digital-access": ("Digital access and online services", ["the NHS App", "video appointments", "online booking", "the practice website"]),
    "hospital-discharge": ("Leaving hospital", ["hospital discharge", "care after discharge", "discharge letters", "home from hospital support"]),
    "carers-support": ("Support for unpaid carers", ["carers' breaks", "carers' assessments", "carer support groups", "young carers' support"]),
    "interpreting": ("Interpreting and accessible information", ["interpreting services", "British Sign Language interpreters", "translated letters", "accessible information"]),
    "end-of-life": ("End of life care", ["hospice at home", "advance care planning", "bereavement support", "palliative care nursing"]),
    "dentistry": ("Dental care", ["NHS dentists", "urgent dental care", "children's dental checks", "dental care in care homes"]),
}

GROUPS = {
    "young-people": "Young people (16-25)",
    "older-people": "Older people (65 and over)",
    "ethnic-minorities": "People from ethnic minority communities",
    "carers": "Unpaid carers",
    "disabled-people": "Disabled people",
    "lgbtq": "LGBTQ+ people",
    "people-on-low-incomes": "People on low incomes",
    "people-with-learning-disabilities": "People with a learning disability",
    "rural-residents": "People living in rural villages",
    "armed-forces": "Armed forces veterans and families",
}

TYPES: dict[str, tuple[str, list[str], str]] = {
    # key: (label, methods, title pattern)
    "survey": ("Survey", ["online survey", "paper survey", "easy read survey", "phone survey"], "{Service} survey"),
    "formal-consultation": ("Formal consultation", ["public meetings", "online questionnaire", "drop-in sessions", "meetings with community groups"], "Consultation on changes to {service}"),
    "ppg-meeting": ("Patient participation group meeting", ["PPG meeting", "PPG network meeting", "joint meeting of patient groups"], "{Place} patient groups on {service}"),
    "patient-story": ("Patient story", ["one-to-one interview", "recorded story", "story shared at the board"], "A patient's story of {service}"),
    "reader-panel": ("Reader panel review", ["reader panel review", "easy read panel review"], "Reader panel review of {service} leaflets"),
    "focus-group": ("Focus group", ["focus groups", "small group discussions", "online focus group"], "Focus groups on {service}"),
    "public-event": ("Public event or drop-in", ["drop-in sessions", "stall at the market", "health fair", "library drop-ins"], "{Place} drop-ins about {service}"),
    "co-design-workshop": ("Co-design workshop", ["co-design workshops", "site visits", "prototype testing"], "Designing {service} together"),
    "community-outreach": ("Community outreach", ["visits to community groups", "conversations at food banks", "outreach at places of worship", "stalls at school gates"], "Listening in the community about {service}"),
}

THEMES = [
    # (id, theme, actions, reasons why an action was not taken forward)
    ("waits", "Waiting too long for {service}", [
        "We funded extra sessions for {service} on Saturdays.",
        "We set a maximum wait for {service} and publish progress against it every month.",
        "We moved staff from other clinics to cut the waiting list for {service}.",
    ], ["There is no money this year for extra sessions; we will look again at next year's budget."]),
    ("booking", "Booking {service} is hard", [
        "We added a call-back option so nobody waits on hold to book {service}.",
        "We made it possible to book {service} online, by phone or in person.",
    ], ["The booking system is run nationally, so we cannot change it locally. We have passed the feedback on."]),
    ("information", "There is not enough clear information about {service}", [
        "We rewrote the leaflet about {service} with the reader panel.",
        "We put plain-English information about {service} on the website and in every practice.",
    ], ["A national leaflet is on its way, so we did not write our own."]),
    ("travel", "Getting to {service} is difficult without a car", [
        "We agreed a new bus stop outside the building where {service} runs.",
        "We now offer {service} at three community venues as well as the hospital.",
    ], ["The bus company would not change the route. We are offering more appointments closer to home instead."]),
    ("opening-hours", "{Service} should open in the evenings and at weekends", [
        "We extended the opening hours of {service} to 8pm on weekdays.",
        "We started a Saturday morning session for {service}.",
    ], ["Too few staff are available to open later safely. We will review this after recruitment."]),
    ("listening", "Staff did not always listen or explain things", [
        "All staff working in {service} did communication training designed with patients.",
        "We added a short 'what matters to you' question to every appointment.",
    ], []),
    ("continuity", "Seeing a different person every time", [
        "Each person using {service} now has a named worker.",
        "We changed the rota so people see the same clinician where possible.",
    ], ["Named workers for everyone would mean longer waits; we chose shorter waits."]),
    ("digital-exclusion", "Online-only booking leaves people out", [
        "We kept a phone and walk-in option for {service} alongside online booking.",
        "Volunteers now help people use the NHS App in libraries.",
    ], []),
    ("interpreters", "Interpreters are hard to get", [
        "Interpreters can now be booked at the same time as the appointment.",
        "We made a new contract with an interpreting service that covers more languages.",
    ], ["The current contract runs for another year; the new requirements are in the next one."]),
    ("carers-involved", "Carers are not involved in planning care", [
        "We added a carers' section to every care plan for {service}.",
        "Carers are now invited to discharge and review meetings.",
    ], []),
    ("follow-up", "Nobody followed up afterwards", [
        "Everyone who uses {service} now gets a follow-up call within a week.",
        "We send a letter explaining what happens next after each appointment.",
    ], ["A follow-up call for everyone was not affordable; people who need one are now flagged instead."]),
    ("young-people", "{Service} does not feel designed for young people", [
        "Young people redesigned the waiting area and the text messages for {service}.",
        "We started a drop-in session for young people aged 16 to 25.",
    ], []),
    ("accessibility", "The building is hard to get into with a wheelchair", [
        "We fitted automatic doors and a lower reception desk.",
        "{Service} moved to a ground-floor room with level access.",
    ], ["The building is listed, so the entrance cannot be changed. A side entrance with a ramp is now signposted."]),
    ("parking", "Parking costs too much and is hard to find", [
        "Blue badge holders and carers now park free.",
        "We worked with the council on extra parking spaces near {service}.",
    ], ["The car park belongs to the council, which has decided not to change its charges."]),
    ("privacy", "Reception is not private enough", [
        "We added a private room where people can talk to reception staff.",
        "Reception screens now show a number instead of a name.",
    ], []),
    ("letters", "Letters use jargon and arrive late", [
        "Letters about {service} were rewritten in plain English and are now sent by text as well.",
        "The reader panel now checks every standard letter before it is used.",
    ], []),
]

QUOTES = [
    "I didn't know who to ring, so I just waited.",
    "The staff were lovely once I got there. Getting there was the hard part.",
    "I had to tell my story three times to three different people.",
    "It felt like nobody had read my notes.",
    "I'd have come in the evening if I could. I can't take time off work.",
    "My mum doesn't use the internet, so she was stuck.",
    "Just tell me how long I'll be waiting and I can plan around it.",
    "The leaflet was full of words I had to look up.",
    "Being asked what mattered to me made all the difference.",
    "We felt listened to for the first time.",
    "I was worried about what it would cost me to get there.",
    "It was hard to talk about it at the front desk with people listening.",
]

DETAILS = [
    "People told us this in every **locality**, and most often in the survey's free-text answers.",
    "This came up most among people who work shifts, and among carers.\n\n- some had given up trying\n- others asked a relative to help",
    "It was the *most common* theme in the drop-in sessions.",
    "Several people said the problem was worse in winter.",
    "Younger people raised this more than older people, who preferred the phone.",
    "Staff agreed with this. Some said they found it frustrating too.",
]

UPDATES = [
    "Funding agreed by the board.",
    "Project group set up, including two patient representatives.",
    "Draft plan shared with the people who took part.",
    "Staff recruited and training under way.",
    "Pilot started in two practices.",
    "Pilot reviewed; it will carry on with small changes.",
    "New leaflet checked by the reader panel.",
    "Contract signed with the provider.",
    "Building work finished.",
    "Delayed by staff shortages; a new date has been set.",
    "First monthly figures published.",
    "Rolled out across the whole area.",
]

OWNERS = [
    "{Topic} commissioning team", "Primary care team", "Communications and engagement team",
    "Estates team", "Quality team", "Contracts team", "Digital team", "Medicines optimisation team",
    "Community services team", "Patient experience team",
]

FEEDBACK = [
    "A letter to everyone who asked to hear back, and posters in the places we visited.",
    "A 'you said, we did' summary on this website and in the local newsletter.",
    "We went back to the same community groups to explain what had changed.",
    "A text message to everyone who took part and agreed to be contacted.",
    "A short film shared on social media and shown in waiting rooms.",
    "An easy read summary sent to everyone who took part.",
]

IMPACTS = [
    "Waiting times fell from **nine weeks to four** within six months.",
    "More people now attend: the number of missed appointments has halved.",
    "The new service is used by around 200 people a month, and people rate it highly.",
    "Complaints about this service fell by a third in the following year.",
    "People who took part now sit on the group that oversees the service.",
    "The changes were copied by two neighbouring areas.",
]

COMMENTS = [
    "Clear and easy to follow.",
    "Explain what PCN means.",
    "The summary is too long: cut it to two sentences.",
    "Say when people will hear back.",
    "Good, but add what happened to the Saturday clinic.",
    "Please use plain words instead of jargon.",
]

BODY_OPENINGS = [
    "We wanted to understand how people experience {service} in {place}, and what would make it better.",
    "This engagement started because people kept raising {service} at patient group meetings.",
    "Before changing {service}, we wanted to hear from the people who use it and the people who find it hard to use.",
    "Local community groups asked us to look again at {service}. We agreed to listen first.",
]

BODY_MIDDLES = [
    "We worked with local charities to reach people we do not often hear from, including carers and people on low incomes.",
    "Everyone could take part online, on paper or by talking to us in person. Easy read and translated versions were available on request.",
    "We paid people with lived experience for their time, in line with our involvement policy.",
    "The {pcn} in {place} helped us share the survey through every GP practice.",
    "We visited markets, libraries and community centres so that people did not have to come to us.",
    "Staff from the {ics} joined the sessions to answer questions directly.",
]

BODY_ENDINGS = [
    "We will report back on progress on this page.",
    "The actions above are tracked by our patient experience group every quarter.",
    "Thank you to everyone who took the time to tell us what they think.",
    "If you want to know more, ask at your GP practice or visit the website.",
]

SUMMARY = [
    "We asked people about {service} and what would make it better.",
    "People who use {service} told us what works and what does not.",
    "We listened to patients, carers and staff about {service} in {place}.",
    "Before making changes to {service}, we asked local people for their views.",
]

TAKE_PART = [
    "Fill in the survey at https://engage.{domain}.example.nhs.uk/have-your-say, or ask for a paper copy at any GP practice.",
    "Come to a drop-in session at your local library, or answer online at https://engage.{domain}.example.nhs.uk/have-your-say.",
    "Ask at your GP practice reception for a paper form, or take part online.",
]
