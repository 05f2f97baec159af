alter table versions
    drop column description,
    drop column homepage,
    drop column documentation,
    drop column repository;
